package io.lendx.ops;

import io.lendx.support.Actors;
import io.lendx.support.Actors.Actor;
import io.lendx.support.Fixtures;
import io.lendx.support.GraphQLClient;
import io.lendx.support.GraphQLResponse;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The database goes away under the running service and comes back: readiness says so, requests
 * fail fast with a coded error instead of hanging, and the service recovers by itself. The class
 * runs its own PostgreSQL server (never the shared test server), so it can stop and restart it on
 * the same port and data directory.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseOutageTest implements TestPropertyProvider {

    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);
    private static final String COUNT_USERS = "{ users { totalCount } }";
    /** The payload reads the issuer after the commit, so a stop can fall between commit and answer. */
    private static final String CREATE_POOL_WITH_ISSUER = """
            mutation($input: CreatePoolInput!) { createPool(input: $input) { pool { address issuer { address did } } } }""";
    /**
     * The longest a request or readiness check may take while the database is down: well past
     * the 2 s readiness check and the 3 s acquire and connect timeouts, well short of hanging.
     */
    private static final Duration FAST = Duration.ofSeconds(6);

    private int port;
    private Path dataDirectory;
    private EmbeddedPostgres postgres;

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    GraphQLClient graphql;
    @Inject
    Actors actors;
    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
            dataDirectory = Files.createTempDirectory("lendx-outage-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        startDatabase();
        String location = "//localhost:" + port + "/postgres";
        return Map.of(
                "r2dbc.datasources.default.url", "r2dbc:pool:postgresql:" + location,
                "r2dbc.datasources.default.username", "postgres",
                "r2dbc.datasources.default.password", "postgres",
                "flyway.datasources.default.url", "jdbc:postgresql:" + location,
                "flyway.datasources.default.user", "postgres",
                "flyway.datasources.default.password", "postgres",
                // Longer than the service's own 10 s request timeout, so a slow answer is measured, not cut.
                "micronaut.http.client.read-timeout", "30s");
    }

    @Test
    @Order(1)
    @Timeout(90)
    void theServiceSaysItIsNotReadyFailsFastAndRecoversWhenTheDatabaseReturns() {
        // Before: ready, and data goes in and comes out.
        assertEquals(HttpStatus.OK, status("/health/readiness"));
        Actor before = actors.register();
        int users = graphql.document(COUNT_USERS, Map.of()).data("users.totalCount");
        assertEquals(1, users);

        stopDatabase();

        // Not ready within a few seconds, while still alive.
        long outageStarted = System.nanoTime();
        awaitStatus("/health/readiness", HttpStatus.SERVICE_UNAVAILABLE, Duration.ofSeconds(10));
        long notReadyAfter = elapsedMillis(outageStarted);
        HttpClientResponseException down = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET("/health/readiness"), String.class));
        assertEquals(HttpStatus.SERVICE_UNAVAILABLE, down.getStatus());
        assertEquals("{\"status\":\"DOWN\"}", down.getResponse().getBody(String.class).orElseThrow(),
                "anonymously, no details even when down");
        assertEquals(HttpStatus.OK, status("/health/liveness"));

        // Reads and writes fail fast with a coded, retryable error that leaks nothing.
        long slowestMillis = 0;
        for (Supplier<HttpResponse<String>> request : List.<Supplier<HttpResponse<String>>>of(
                () -> post(Map.of("query", COUNT_USERS)),
                () -> post(Map.of("query", "query ListPools { pools { totalCount nodes { address } } }")),
                () -> post(Map.of("query", "mutation { registerUser(input: {address: \"" + Fixtures.newAddress()
                        + "\"}) { apiKey } }")))) {
            long started = System.nanoTime();
            HttpResponse<String> response = request.get();
            long tookMillis = elapsedMillis(started);
            assertTrue(tookMillis < FAST.toMillis(), () -> "took " + tookMillis + "ms: " + response.body());
            slowestMillis = Math.max(slowestMillis, tookMillis);
            assertEquals(HttpStatus.OK, response.getStatus());
            assertDatabaseUnavailable(response);
        }
        assertEquals(HttpStatus.OK, status("/health/liveness"));

        startDatabase();

        // Ready again by itself, with the data of before the outage.
        long restarted = System.nanoTime();
        awaitStatus("/health/readiness", HttpStatus.OK, Duration.ofSeconds(20));
        long readyAfter = elapsedMillis(restarted);
        GraphQLResponse after = graphql.operation("user/GetUser", Map.of("address", before.address()));
        assertEquals(before.address(), after.data("user.address"));
        assertEquals(1, (int) graphql.document(COUNT_USERS, Map.of()).data("users.totalCount"));
        Actor next = actors.register();
        assertEquals(next.address(), graphql.operation("auth/Viewer", Map.of(), next.apiKey()).data("viewer.address"));
        assertEquals(before.address(), graphql.operation("auth/Viewer", Map.of(), before.apiKey())
                .data("viewer.address"), "a key issued before the outage still works");
        System.out.printf("DatabaseOutageTest: not ready %d ms after the stop, requests failed within %d ms, "
                + "ready %d ms after the restart%n", notReadyAfter, slowestMillis, readyAfter);
    }

    /**
     * A database that stops answering without closing its connections (a network partition, a
     * frozen host): every process of the server is suspended with SIGSTOP, then resumed.
     */
    @Test
    @Order(2)
    @Timeout(90)
    void anUnresponsiveDatabaseMakesTheServiceNotReadyWithinSeconds() throws Exception {
        assertEquals(HttpStatus.OK, status("/health/readiness"));
        Actor before = actors.register();
        List<Long> processes = databaseProcesses();

        signal("STOP", processes);
        try {
            long started = System.nanoTime();
            HttpStatus readiness = status("/health/readiness");
            long readinessMillis = elapsedMillis(started);
            assertEquals(HttpStatus.SERVICE_UNAVAILABLE, readiness);
            // The check gives up after 2 s; the rest is slack for a loaded CI machine.
            assertTrue(readinessMillis < FAST.toMillis(), () -> "readiness took " + readinessMillis + "ms");
            assertEquals(HttpStatus.OK, status("/health/liveness"));

            long queried = System.nanoTime();
            HttpResponse<String> response = post(Map.of("query", COUNT_USERS));
            long queryMillis = elapsedMillis(queried);
            // At the latest the service's request timeout (10 s) answers.
            assertTrue(queryMillis < 12_000, () -> "the query took " + queryMillis + "ms");
            new GraphQLResponse(json(response.body())).singleError("INTERNAL_SERVER_ERROR");
        } finally {
            signal("CONT", processes);
        }

        awaitStatus("/health/readiness", HttpStatus.OK, Duration.ofSeconds(20));
        assertEquals(before.address(), graphql.operation("user/GetUser", Map.of("address", before.address()))
                .data("user.address"));
    }

    /**
     * The database stops while pools are being created: mutations that committed but could not
     * answer (their payload needs one more read) must still have their audit row, because it
     * commits in the same transaction as the pool.
     */
    @Test
    @Order(3)
    @Timeout(120)
    void everyCommittedMutationIsAuditedWhenTheDatabaseStopsUnderLoad() throws Exception {
        Actor issuer = actors.register();
        AtomicInteger answered = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(3);
        for (int i = 0; i < 3; i++) {
            clients.execute(() -> {
                while (!stop.get()) {
                    try {
                        graphql.send(CREATE_POOL_WITH_ISSUER, Map.of("input", Map.of("totalBalance", "1000",
                                "minimumLoan", "100", "durationDays", 30, "interestRate", "5")), issuer.apiKey());
                    } catch (RuntimeException refused) {
                        // The database is going away: some requests fail, which is the point.
                    }
                    answered.incrementAndGet();
                }
            });
        }
        try {
            awaitCondition(() -> answered.get() >= 20, Duration.ofSeconds(60), "20 mutations answered");
            stopDatabase();
            int atStop = answered.get();
            awaitCondition(() -> answered.get() >= atStop + 6, Duration.ofSeconds(60),
                    "the clients saw the outage");
        } finally {
            stop.set(true);
            clients.shutdown();
            assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS));
            if (postgres == null) {
                startDatabase();
            }
        }

        try (Connection database = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres",
                "postgres", "postgres");
             PreparedStatement unaudited = database.prepareStatement("SELECT count(*) FILTER (WHERE NOT EXISTS"
                     + " (SELECT 1 FROM audit_events a WHERE a.target = p.pool_address AND a.outcome = 'SUCCESS')),"
                     + " count(*) FROM pools p WHERE p.issuer_address = ?")) {
            unaudited.setString(1, issuer.address());
            try (ResultSet counts = unaudited.executeQuery()) {
                assertTrue(counts.next());
                assertTrue(counts.getLong(2) >= 20, "pools were created before the stop");
                assertEquals(0, counts.getLong(1), "committed pools without a SUCCESS audit row");
            }
        }
        awaitStatus("/health/readiness", HttpStatus.OK, Duration.ofSeconds(20));
    }

    @AfterAll
    void removeTheDatabase() throws IOException {
        stopDatabase();
        if (dataDirectory != null) {
            try (Stream<Path> files = Files.walk(dataDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    private void assertDatabaseUnavailable(HttpResponse<String> response) {
        String body = response.body();
        GraphQLResponse graphQL = new GraphQLResponse(json(body));
        Map<String, Object> error = graphQL.singleError("INTERNAL_SERVER_ERROR");
        Map<?, ?> extensions = (Map<?, ?>) error.get("extensions");
        assertEquals("DATABASE_UNAVAILABLE", extensions.get("reason"), body);
        assertTrue(((String) error.get("message")).startsWith("The database is unavailable; try again shortly"), body);
        assertTrue(extensions.get("errorId") instanceof String id && !id.isBlank(), body);
        assertEquals(response.header("X-Request-Id"), extensions.get("requestId"), body);
        // graphql-java's own error classification is the one "Exception" a client may see.
        String lower = body.replace("\"classification\":\"DataFetchingException\"", "").toLowerCase();
        for (String leak : new String[]{"exception", "r2dbc", "postgres", "io.lendx", "io.netty", "java.", "\tat ",
                "08003", "connection refused", "cannot connect", "localhost", String.valueOf(port)}) {
            assertFalse(lower.contains(leak), () -> "The body leaks '" + leak + "': " + body);
        }
    }

    private HttpResponse<String> post(Map<String, Object> body) {
        return http.toBlocking().exchange(HttpRequest.POST("/graphql", body)
                .contentType(MediaType.APPLICATION_JSON_TYPE).accept(MediaType.APPLICATION_JSON_TYPE), String.class);
    }

    private Map<String, Object> json(String body) {
        try {
            return json.readValue(body, JSON_OBJECT);
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + body, e);
        }
    }

    private HttpStatus status(String path) {
        try {
            return http.toBlocking().exchange(HttpRequest.GET(path), String.class).getStatus();
        } catch (HttpClientResponseException e) {
            return e.getStatus();
        }
    }

    private void awaitStatus(String path, HttpStatus expected, Duration within) {
        awaitCondition(() -> status(path) == expected, within, path + " answering " + expected);
    }

    /** The postmaster (from its pid file) and its children: the processes this class started. */
    private List<Long> databaseProcesses() throws IOException {
        long postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        List<Long> processes = new ArrayList<>();
        processes.add(postmaster);
        ProcessHandle.of(postmaster).orElseThrow().descendants().forEach(child -> processes.add(child.pid()));
        return processes;
    }

    private static void signal(String signal, List<Long> processes) throws IOException, InterruptedException {
        for (long process : processes) {
            new ProcessBuilder("kill", "-" + signal, String.valueOf(process)).inheritIO().start().waitFor();
        }
    }

    private void startDatabase() {
        try {
            postgres = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL on port " + port, e);
        }
    }

    private void stopDatabase() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                postgres = null;
            }
        }
    }

    private static void awaitCondition(Supplier<Boolean> condition, Duration within, String what) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                fail("Not within " + within + ": " + what);
            }
            sleep(200);
        }
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
