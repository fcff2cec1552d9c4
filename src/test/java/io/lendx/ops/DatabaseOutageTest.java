package io.lendx.ops;

import io.lendx.support.Actors;
import io.lendx.support.Actors.Actor;
import io.lendx.support.Fixtures;
import io.lendx.support.GraphQLClient;
import io.lendx.support.GraphQLHttp;
import io.lendx.support.GraphQLHttp.Reply;
import io.lendx.support.GraphQLResponse;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
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
import java.util.Collections;
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
    /** The service's request timeout here: shorter than its 10 s default, to keep the frozen tests short. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(4);
    /** The longest any request may take: its deadline, a refusal's audit row (2 s), slack for a loaded CI machine. */
    private static final Duration BOUND = REQUEST_TIMEOUT.plusSeconds(2 + 3);

    private int port;
    private Path dataDirectory;
    private EmbeddedPostgres postgres;

    @Inject
    GraphQLHttp http;
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
                "lendx.graphql.request-timeout", REQUEST_TIMEOUT.toMillis() + "ms",
                // Longer than any bound of the service, so a slow answer is measured, not cut.
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
        Reply down = http.exchange(HttpRequest.GET("/health/readiness"), null);
        assertEquals(HttpStatus.SERVICE_UNAVAILABLE.getCode(), down.status());
        assertEquals("{\"status\":\"DOWN\"}", down.body(),
                "anonymously, no details even when down");
        assertEquals(HttpStatus.OK, status("/health/liveness"));

        // Reads and writes fail fast with a coded, retryable error that leaks nothing.
        long slowestMillis = 0;
        for (Supplier<Reply> request : List.<Supplier<Reply>>of(
                () -> post(Map.of("query", COUNT_USERS)),
                () -> post(Map.of("query", "query ListPools { pools { totalCount nodes { address } } }")),
                () -> post(Map.of("query", "mutation { registerUser(input: {address: \"" + Fixtures.newAddress()
                        + "\"}) { apiKey } }")))) {
            long started = System.nanoTime();
            Reply response = request.get();
            long tookMillis = elapsedMillis(started);
            assertTrue(tookMillis < FAST.toMillis(), () -> "took " + tookMillis + "ms: " + response.body());
            slowestMillis = Math.max(slowestMillis, tookMillis);
            assertEquals(HttpStatus.OK.getCode(), response.status());
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
            Reply response = post(Map.of("query", COUNT_USERS));
            long queryMillis = elapsedMillis(queried);
            // At the latest the service's request timeout answers.
            assertTrue(queryMillis < BOUND.toMillis(), () -> "the query took " + queryMillis + "ms");
            response.graphql().singleError("INTERNAL_SERVER_ERROR");
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

    /**
     * The database freezes (SIGSTOP) while pools are being created: every mutation, those already
     * in flight included, ends within its bound with a coded error (cut off in its transaction,
     * or, when it had committed and only the payload's read of the issuer hangs, by the request's
     * backstop); once the database is back, a retry with the same idempotency key tells each
     * cut-off mutation's outcome (its first result if it had committed, a fresh run if it had been
     * rolled back), and no key has two pools. MutationDeadlineTest shows the rollback itself.
     */
    @Test
    @Order(4)
    @Timeout(150)
    void mutationsInFlightWhenTheDatabaseFreezesEndWithinTheirBoundAndTheirKeysTellTheOutcome() throws Exception {
        Actor issuer = actors.register();
        List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger keys = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            clients.execute(() -> {
                while (!stop.get()) {
                    String key = "freeze-" + keys.incrementAndGet();
                    long started = System.nanoTime();
                    Reply response = post(createPool(key), issuer.apiKey());
                    attempts.add(new Attempt(key, started, elapsedMillis(started), response.status(),
                            response.body()));
                }
            });
        }
        List<Long> processes = new ArrayList<>();
        try {
            awaitCondition(() -> attempts.size() >= 12, Duration.ofSeconds(60), "12 pools created");
            // Taken now: the backends serving the service's connections are children of the postmaster.
            processes.addAll(databaseProcesses());
            signal("STOP", processes);
            long frozen = System.nanoTime();
            // Two attempts per client begun after the freeze have ended, so those caught in flight have too.
            awaitCondition(() -> attemptsSince(attempts, frozen) >= 8, BOUND.multipliedBy(3),
                    "the clients saw the freeze");
        } finally {
            stop.set(true);
            signal("CONT", processes);
            clients.shutdown();
            assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS));
        }

        List<Attempt> failed = new ArrayList<>();
        for (Attempt attempt : attempts) {
            assertTrue(attempt.millis() < BOUND.toMillis(), () -> "answered after " + attempt.millis() + " ms: " + attempt);
            assertEquals(HttpStatus.OK.getCode(), attempt.status(), attempt::toString);
            GraphQLResponse response = new GraphQLResponse(json(attempt.body()));
            if (!response.errors().isEmpty()) {
                Map<?, ?> extensions = (Map<?, ?>) response.singleError("INTERNAL_SERVER_ERROR").get("extensions");
                assertTrue(List.of("TIMEOUT", "DATABASE_UNAVAILABLE").contains(extensions.get("reason")),
                        attempt::toString);
                failed.add(attempt);
            }
        }
        assertTrue(failed.stream().anyMatch(attempt -> attempt.body().contains("\"TIMEOUT\"")),
                () -> "no mutation was caught in flight: " + failed);

        awaitStatus("/health/readiness", HttpStatus.OK, Duration.ofSeconds(30));
        for (Attempt attempt : failed) {
            Reply retry = post(createPool(attempt.key()), issuer.apiKey());
            assertTrue(retry.graphql().errors().isEmpty(), retry::body);
        }
        try (Connection database = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres",
                "postgres", "postgres");
             PreparedStatement perKey = database.prepareStatement("SELECT count(*), count(DISTINCT idempotency_key)"
                     + " FROM idempotency_keys WHERE idempotency_key LIKE 'freeze-%' AND caller = ?");
             PreparedStatement pools = database.prepareStatement(
                     "SELECT count(*) FROM pools WHERE issuer_address = ?")) {
            perKey.setString(1, issuer.address());
            pools.setString(1, issuer.address());
            try (ResultSet records = perKey.executeQuery(); ResultSet created = pools.executeQuery()) {
                assertTrue(records.next() && created.next());
                assertEquals(attempts.size(), records.getLong(2), "every key ran once in the end");
                assertEquals(records.getLong(2), created.getLong(1), "one pool per key, never two");
            }
        }
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

    private void assertDatabaseUnavailable(Reply response) {
        String body = response.body();
        GraphQLResponse graphQL = response.graphql();
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

    private Reply post(Map<String, Object> body) {
        return post(body, null);
    }

    /** Refusals come back as answers, so that a client loop records them rather than dying of them. */
    private Reply post(Map<String, Object> body, String apiKey) {
        return http.post(http.write(body), MediaType.APPLICATION_JSON, MediaType.APPLICATION_JSON, apiKey);
    }

    private static Map<String, Object> createPool(String idempotencyKey) {
        return Map.of("query", CREATE_POOL_WITH_ISSUER, "variables", Map.of("input", Map.of("totalBalance", "1000",
                "minimumLoan", "100", "durationDays", 30, "interestRate", "5", "idempotencyKey", idempotencyKey)));
    }

    private record Attempt(String key, long startedNanos, long millis, int status, String body) {
    }

    private static long attemptsSince(List<Attempt> attempts, long nanos) {
        synchronized (attempts) {
            return attempts.stream().filter(attempt -> attempt.startedNanos() - nanos > 0).count();
        }
    }

    private Map<String, Object> json(String body) {
        try {
            return json.readValue(body, JSON_OBJECT);
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + body, e);
        }
    }

    private HttpStatus status(String path) {
        return HttpStatus.valueOf(http.exchange(HttpRequest.GET(path), null).status());
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

    /** One kill for all of them, so that none goes on serving while the others are signalled. */
    private static void signal(String signal, List<Long> processes) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        processes.forEach(process -> command.add(String.valueOf(process)));
        new ProcessBuilder(command).inheritIO().start().waitFor();
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
