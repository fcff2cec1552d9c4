package io.lendx.ops;

import io.lendx.support.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stopping the server lets the requests in flight finish and turns new ones away. */
class GracefulShutdownTest {

    private static final Map<String, Object> QUERY = Map.of("query", "{ users { totalCount } }");

    @Test
    void aRequestInFlightFinishesWhileNewOnesAreTurnedAway() throws Exception {
        Map<String, Object> database = TestDatabase.newDatabase();
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, database, "test");
        URL url = server.getURL();
        try (HttpClient client = HttpClient.create(url);
             Connection lock = TestDatabase.connect(database)) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
            }
            CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() ->
                    client.toBlocking().exchange(HttpRequest.POST("/graphql", QUERY), String.class));
            awaitInFlight(server, 1);

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
            awaitDraining(server);
            HttpClientResponseException turnedAway = assertThrows(HttpClientResponseException.class,
                    () -> client.toBlocking().exchange(HttpRequest.POST("/graphql", QUERY), String.class));
            assertEquals(503, turnedAway.getStatus().getCode());
            String requestId = turnedAway.getResponse().getHeaders().get("X-Request-Id");
            assertTrue(requestId != null && turnedAway.getResponse().getBody(String.class).orElseThrow()
                    .contains("\"requestId\":\"" + requestId + "\""), "the 503 names its request");
            assertFalse(slow.isDone(), "the slow request is still being served");

            lock.rollback();
            HttpResponse<String> finished = slow.get(10, TimeUnit.SECONDS);
            assertEquals(200, finished.getStatus().getCode());
            assertTrue(finished.body().contains("\"totalCount\":0"), finished.body());
            stopping.get(10, TimeUnit.SECONDS);
            assertFalse(server.isRunning());
        } finally {
            if (server.isRunning()) {
                server.stop();
            }
        }
    }

    /** Counted by a request and a response filter, not around the exchange: a client that hangs up must not leak a count. */
    @Test
    void aRequestWhoseClientHungUpIsNoLongerCounted() throws Exception {
        Map<String, Object> database = TestDatabase.newDatabase();
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, database, "test");
        try (Connection lock = TestDatabase.connect(database)) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
            }
            byte[] body = "{\"query\":\"{ users { totalCount } }\"}".getBytes(StandardCharsets.UTF_8);
            try (Socket socket = new Socket(server.getHost(), server.getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                awaitInFlight(server, 1);
            }
            lock.rollback();
            awaitInFlight(server, 0);
        } finally {
            server.stop();
        }
    }

    private static void awaitInFlight(EmbeddedServer server, int count) throws InterruptedException {
        InFlightRequests requests = server.getApplicationContext().getBean(InFlightRequests.class);
        for (int i = 0; i < 250 && requests.count() != count; i++) {
            Thread.sleep(20);
        }
        assertEquals(count, requests.count());
    }

    private static void awaitDraining(EmbeddedServer server) throws InterruptedException {
        InFlightRequests requests = server.getApplicationContext().getBean(InFlightRequests.class);
        for (int i = 0; i < 250 && !requests.isDraining(); i++) {
            Thread.sleep(20);
        }
        assertTrue(requests.isDraining());
    }
}
