package io.lendx.support;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A graphql-ws connection to the test server, through the JDK's WebSocket client: send protocol
 * messages as maps, take what the server sends in order, and learn how it closed.
 */
public final class GraphQLWs implements AutoCloseable {

    public static final String SUBPROTOCOL = "graphql-transport-ws";
    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final JsonMapper json;
    private final BlockingQueue<Map<String, Object>> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;
    private volatile boolean answersPings = true;

    private GraphQLWs(URL server, JsonMapper json) {
        this.json = json;
        URI uri = URI.create("ws://" + server.getHost() + ":" + server.getPort() + "/graphql-ws");
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols(SUBPROTOCOL)
                .buildAsync(uri, new Listener()).join();
    }

    public static GraphQLWs connect(URL server, JsonMapper json) {
        return new GraphQLWs(server, json);
    }

    /** Stops answering the server's pings with pongs, as a client that went away would. */
    public GraphQLWs ignoringPings() {
        answersPings = false;
        return this;
    }

    public String subprotocol() {
        return socket.getSubprotocol();
    }

    public void send(Map<String, Object> message) {
        send(write(message));
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    /** connection_init (with {@code apiKey} in its payload unless null), answered by connection_ack. */
    public GraphQLWs initialise(String apiKey) {
        send(apiKey == null ? Map.of("type", "connection_init")
                : Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + apiKey)));
        Map<String, Object> ack = next();
        if (!"connection_ack".equals(ack.get("type"))) {
            throw new AssertionError("Expected connection_ack, got " + ack);
        }
        return this;
    }

    public void subscribe(String id, String query, Map<String, Object> variables) {
        send(Map.of("id", id, "type", "subscribe", "payload", Map.of("query", query, "variables", variables)));
    }

    /** The next message the server sent, skipping its keep-alive pings (answered unless told not to). */
    public Map<String, Object> next() {
        while (true) {
            Map<String, Object> message = nextIncludingPings();
            if (!"ping".equals(message.get("type"))) {
                return message;
            }
        }
    }

    public Map<String, Object> nextIncludingPings() {
        try {
            Map<String, Object> message = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(message, "no message within " + WAIT + (closed.isDone() ? "; closed " + closed.join() : ""));
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The close code the server closed with. */
    public int closeCode() {
        return closed.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(failure -> null).join();
        }
        socket.abort();
    }

    private String write(Map<String, Object> message) {
        try {
            return json.writeValueAsString(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    Map<String, Object> message = json.readValue(partial.toString(), JSON_OBJECT);
                    if ("ping".equals(message.get("type")) && answersPings) {
                        webSocket.sendText("{\"type\":\"pong\"}", true);
                    }
                    received.add(message);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
