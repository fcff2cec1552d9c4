package io.lendx.support;

import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Runs GraphQL documents on the running test server, mostly the named ones in graphql/operations,
 * and reads their results. It sends them through {@link GraphQLHttp}, the one HTTP client of the
 * tests, which also serves the tests that look at statuses, headers and raw bodies.
 */
@Singleton
public class GraphQLClient {

    private final GraphQLHttp http;

    public GraphQLClient(GraphQLHttp http) {
        this.http = http;
    }

    /** Runs {@code graphql/operations/<path>.graphql}, e.g. {@code "pool/ListPools"}. */
    public GraphQLResponse operation(String path, Map<String, Object> variables) {
        return document(load(path), variables);
    }

    /** Runs a named operation as the owner of {@code apiKey} (anonymously when it is null). */
    public GraphQLResponse operation(String path, Map<String, Object> variables, String apiKey) {
        return send(load(path), variables, apiKey);
    }

    /** Runs a named mutation whose only variable is {@code input}, as the owner of {@code apiKey}. */
    public GraphQLResponse mutation(String path, Map<String, Object> input, String apiKey) {
        return send(load(path), Map.of("input", input), apiKey);
    }

    public GraphQLResponse operation(String path) {
        return operation(path, Map.of());
    }

    /** Runs an ad-hoc document, for cases no named operation covers (mostly invalid input). */
    public GraphQLResponse document(String document, Map<String, Object> variables) {
        return send(document, variables, null);
    }

    /** Fails (like a client would) when the request is refused before GraphQL answers it: any status but 200. */
    public GraphQLResponse send(String document, Map<String, Object> variables, String apiKey) {
        GraphQLHttp.Reply reply = http.post(document, variables, apiKey, MediaType.APPLICATION_JSON);
        if (reply.status() != 200) {
            throw new IllegalStateException("HTTP " + reply.status() + ": " + reply.body());
        }
        return reply.graphql();
    }

    /** The text of {@code graphql/operations/<path>.graphql}. */
    public static String load(String path) {
        String resource = "graphql/operations/" + path + ".graphql";
        try (InputStream in = GraphQLClient.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No operation " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
