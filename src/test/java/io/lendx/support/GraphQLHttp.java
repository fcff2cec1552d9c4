package io.lendx.support;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Raw HTTP access to the GraphQL endpoint for transport tests: any method, body, content type
 * and Accept header, and a reply that keeps status, headers and body whatever the status.
 */
@Singleton
public class GraphQLHttp {

    public static final String GRAPHQL_RESPONSE_JSON = "application/graphql-response+json";
    public static final String PATH = "/graphql";

    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);
    /** Words that name the server's internals; none may appear in any response body. */
    private static final List<String> LEAKS_CASE_SENSITIVE = List.of("at io.", "java.", "org.", "SELECT", "INSERT ",
            "UPDATE ", " FROM ");
    private static final List<String> LEAKS_ANY_CASE = List.of("exception", "r2dbc", "postgres", "sqlstate",
            "jdbc", "io.lendx", "graphql.", "stacktrace", "netty", "micronaut");

    private final HttpClient http;
    private final JsonMapper json;

    public GraphQLHttp(@Client("/") HttpClient http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    /** Status, headers and body of one HTTP exchange. */
    public record Reply(int status, HttpHeaders headers, String body, JsonMapper json) {

        public String header(String name) {
            return headers.get(name);
        }

        /** The media type of the body, without parameters such as charset. */
        public String contentType() {
            return headers.getContentType().map(type -> MediaType.of(type).getName()).orElse(null);
        }

        public Map<String, Object> jsonBody() {
            try {
                return json.readValue(body, JSON_OBJECT);
            } catch (IOException e) {
                throw new UncheckedIOException("Not a JSON body: " + body, e);
            }
        }

        public GraphQLResponse graphql() {
            return new GraphQLResponse(jsonBody());
        }

        @Override
        public String toString() {
            return status + " " + headers.asMap() + " " + body;
        }
    }

    /** POSTs {@code {query, variables}} as application/json, answered as {@code accept}. */
    public Reply post(String document, Map<String, Object> variables, String apiKey, String accept) {
        return post(body(document, variables), MediaType.APPLICATION_JSON, accept, apiKey);
    }

    /** POSTs a raw body with the given content type. */
    public Reply post(String body, String contentType, String accept, String apiKey) {
        MutableHttpRequest<String> request = HttpRequest.POST(PATH, body).contentType(contentType);
        return exchange(withAccept(request, accept), apiKey);
    }

    public Reply exchange(MutableHttpRequest<?> request, String apiKey) {
        if (apiKey != null) {
            request.bearerAuth(apiKey);
        }
        try {
            HttpResponse<String> response = http.toBlocking().exchange(request, String.class);
            return new Reply(response.code(), response.getHeaders(), response.getBody().orElse(""), json);
        } catch (HttpClientResponseException e) {
            HttpResponse<?> response = e.getResponse();
            return new Reply(response.code(), response.getHeaders(), response.getBody(String.class).orElse(""), json);
        }
    }

    public static <T> MutableHttpRequest<T> withAccept(MutableHttpRequest<T> request, String accept) {
        if (accept != null) {
            request.header(HttpHeaders.ACCEPT, accept);
        }
        return request;
    }

    /**
     * POSTs an automatic persisted query (Apollo's protocol): {@code hash} in
     * extensions.persistedQuery, with the query's text unless {@code query} is null.
     */
    public Reply postPersisted(String query, String hash, Map<String, Object> variables) {
        Map<String, Object> body = new HashMap<>();
        if (query != null) {
            body.put("query", query);
        }
        body.put("variables", variables);
        body.put("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)));
        return post(write(body), MediaType.APPLICATION_JSON, MediaType.APPLICATION_JSON, null);
    }

    /** The JSON text of a GraphQL-over-HTTP request body. */
    public String body(String document, Map<String, Object> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", document);
        if (variables != null) {
            body.put("variables", variables);
        }
        return write(body);
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** No stack trace, SQL, class, package or driver name in a response body. */
    public static void assertNoInternals(String body) {
        for (String leak : LEAKS_CASE_SENSITIVE) {
            assertFalse(body.contains(leak), () -> "The response leaks '" + leak + "': " + abbreviate(body));
        }
        String lower = body.toLowerCase(Locale.ROOT);
        for (String leak : LEAKS_ANY_CASE) {
            assertFalse(lower.contains(leak), () -> "The response leaks '" + leak + "': " + abbreviate(body));
        }
    }

    private static String abbreviate(String body) {
        return body.length() <= 2000 ? body : body.substring(0, 2000) + "…";
    }
}
