package io.lendx.support;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Posts GraphQL documents to the running test server, mostly the named ones in graphql/operations. */
@Singleton
public class GraphQLClient {

    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);

    private final HttpClient http;

    public GraphQLClient(@Client("/") HttpClient http) {
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

    public GraphQLResponse send(String document, Map<String, Object> variables, String apiKey) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", document);
        body.put("variables", variables);
        MutableHttpRequest<Map<String, Object>> request = HttpRequest.POST("/graphql", body);
        if (apiKey != null) {
            request.bearerAuth(apiKey);
        }
        return new GraphQLResponse(http.toBlocking().retrieve(request, JSON_OBJECT));
    }

    private static String load(String path) {
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
