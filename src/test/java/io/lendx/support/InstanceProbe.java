package io.lendx.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/**
 * Plain HTTP to one running instance, as an operator or a second client sees it: its health
 * (with the admin key, so with details), its Prometheus counters, and raw GraphQL requests.
 */
public final class InstanceProbe {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final EmbeddedServer instance;

    public InstanceProbe(EmbeddedServer instance) {
        this.instance = instance;
    }

    /** {@code /health} as the admin key sees it, details included. */
    public JsonNode health() {
        try {
            return JSON.readTree(get("/health", Actors.ADMIN_KEY).body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sum of the Prometheus samples of {@code name} whose labels contain every one of {@code labels}. */
    public double metric(String name, String... labels) {
        return get("/prometheus", null).body().lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** A GraphQL POST with {@code body} as its JSON, accepting {@code accept} (no Accept header if null). */
    public HttpResponse<String> graphql(String body, String apiKey, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(instance.getURI().resolve("/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return send(withKey(request, apiKey));
    }

    public HttpResponse<String> get(String path, String apiKey) {
        return send(withKey(HttpRequest.newBuilder(instance.getURI().resolve(path)).GET(), apiKey));
    }

    private static HttpRequest.Builder withKey(HttpRequest.Builder request, String apiKey) {
        return apiKey == null ? request : request.header("Authorization", "Bearer " + apiKey);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
