package io.lendx.ops;

import io.lendx.support.DatabaseTest;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.lendx.support.GraphQLResponse.extensions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every response names its request in X-Request-Id, and every GraphQL error repeats it. */
@MicronautTest(transactional = false)
class RequestIdTest extends DatabaseTest {

    private static final String HEADER = "X-Request-Id";
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    JsonMapper json;

    @Test
    void everyResponseHasAGeneratedRequestId() {
        Set<String> ids = new HashSet<>();
        for (MutableHttpRequest<?> request : List.of(graphql("{ pools { totalCount } }"),
                HttpRequest.GET("/health"), HttpRequest.GET("/health/readiness"),
                HttpRequest.GET("/prometheus").accept(MediaType.TEXT_PLAIN_TYPE))) {
            HttpResponse<String> response = http.toBlocking().exchange(request, String.class);
            String id = response.header(HEADER);
            assertNotNull(id, () -> "No " + HEADER + " on " + request.getPath());
            assertTrue(UUID.matcher(id).matches(), id);
            ids.add(id);
        }
        assertEquals(4, ids.size(), "a new id for every request");
    }

    @Test
    void errorResponsesHaveARequestIdToo() {
        HttpClientResponseException notFound = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET("/no-such-page").header(HEADER, "missing-1"),
                        String.class));
        assertEquals(HttpStatus.NOT_FOUND, notFound.getStatus());
        assertEquals("missing-1", notFound.getResponse().header(HEADER));

        HttpClientResponseException unsupported = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.POST("/graphql", "{ pools { totalCount } }")
                        .contentType(MediaType.TEXT_PLAIN_TYPE).header(HEADER, "text-body-1"), String.class));
        assertEquals(HttpStatus.UNSUPPORTED_MEDIA_TYPE, unsupported.getStatus());
        assertEquals("text-body-1", unsupported.getResponse().header(HEADER));
    }

    @Test
    void aSaneIncomingIdIsEchoed() {
        for (String id : new String[]{"abc-123", "trace:7f3a.span_01", "A".repeat(100), "x"}) {
            HttpResponse<String> response = http.toBlocking().exchange(
                    graphql("{ pools { totalCount } }").header(HEADER, id), String.class);
            assertEquals(id, response.header(HEADER));
            assertEquals(List.of(id), response.getHeaders().getAll(HEADER));
        }
    }

    @Test
    void anInsaneIncomingIdIsReplacedByAGeneratedOne() {
        for (String insane : new String[]{"has spaces in it", "a".repeat(300), "A".repeat(101), "semi;colon",
                "<script>", "ümlaut", "quote\"d"}) {
            HttpResponse<String> response = http.toBlocking().exchange(
                    graphql("{ pools { totalCount } }").header(HEADER, insane), String.class);
            String id = response.header(HEADER);
            assertNotEquals(insane, id);
            assertTrue(UUID.matcher(id).matches(), () -> insane + " became " + id);
        }
    }

    @Test
    void graphQLErrorsCarryTheRequestIdOfTheHeader() {
        HttpResponse<String> generated = http.toBlocking().exchange(
                graphql("mutation { createPool(input: {totalBalance: \"1000\", minimumLoan: \"100\", "
                        + "durationDays: 30, interestRate: \"5\"}) { pool { address } } }"), String.class);
        Map<String, Object> error = singleError(generated.body());
        assertEquals("UNAUTHENTICATED", extensions(error).get("code"));
        assertTrue(UUID.matcher(generated.header(HEADER)).matches());
        assertEquals(generated.header(HEADER), extensions(error).get("requestId"));

        HttpResponse<String> given = http.toBlocking().exchange(
                graphql("{ pool(address: \"x\") { address nope } }").header(HEADER, "client-42"), String.class);
        Map<String, Object> invalid = singleError(given.body());
        assertEquals("BAD_USER_INPUT", extensions(invalid).get("code"));
        assertEquals("client-42", given.header(HEADER));
        assertEquals("client-42", extensions(invalid).get("requestId"));
    }

    @Test
    void everyErrorOfAResponseCarriesTheSameRequestId() {
        HttpResponse<String> response = http.toBlocking().exchange(
                graphql("{ a: pool(address: \"x\") { nope } b: loan(address: \"y\") { nada } }"), String.class);
        List<Map<String, Object>> errors = errors(response.body());
        assertEquals(2, errors.size(), response.body());
        for (Map<String, Object> error : errors) {
            assertEquals(response.header(HEADER), extensions(error).get("requestId"));
        }
    }

    @Test
    void aSuccessfulResponseHasNoErrorsToCarryIt() {
        HttpResponse<String> response = http.toBlocking().exchange(graphql("{ pools { totalCount } }"), String.class);
        assertFalse(response.body().contains("requestId"), response.body());
    }

    @Test
    void errorsAnsweredBeforeExecutionCarryTheRequestIdToo() {
        HttpClientResponseException malformed = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.POST("/graphql", "[1, 2]")
                        .contentType(MediaType.APPLICATION_JSON_TYPE)
                        .accept("application/graphql-response+json")
                        .header(HEADER, "malformed-1"), String.class));
        assertEquals(HttpStatus.BAD_REQUEST, malformed.getStatus());
        assertEquals("malformed-1", malformed.getResponse().header(HEADER));
        Map<String, Object> error = singleError(malformed.getResponse().getBody(String.class).orElseThrow());
        assertEquals("BAD_USER_INPUT", extensions(error).get("code"));
        assertEquals("malformed-1", extensions(error).get("requestId"));
    }

    private static MutableHttpRequest<?> graphql(String document) {
        return HttpRequest.POST("/graphql", Map.of("query", document)).contentType(MediaType.APPLICATION_JSON_TYPE)
                .accept(MediaType.APPLICATION_JSON_TYPE);
    }

    private Map<String, Object> singleError(String body) {
        List<Map<String, Object>> errors = errors(body);
        assertEquals(1, errors.size(), body);
        return errors.get(0);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> errors(String body) {
        try {
            Object errors = json.readValue(body, JSON_OBJECT).get("errors");
            return errors == null ? List.of() : (List<Map<String, Object>>) errors;
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + body, e);
        }
    }

}
