package io.lendx.graphql;

import io.lendx.http.RequestIdFilter;
import io.lendx.support.GraphQLHttp;
import io.lendx.support.GraphQLHttp.Reply;
import io.lendx.support.Actors;
import io.lendx.support.Actors.Actor;
import io.lendx.support.DatabaseTest;
import io.lendx.support.Fixtures;
import io.lendx.support.GraphQLResponse;
import io.lendx.support.InstanceProbe;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.lendx.support.GraphQLHttp.GRAPHQL_RESPONSE_JSON;
import static io.lendx.support.GraphQLHttp.PATH;
import static io.lendx.support.GraphQLHttp.assertNoInternals;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The transport follows the GraphQL-over-HTTP spec: methods, media types, status codes, request ids. */
@MicronautTest(transactional = false)
class GraphQLOverHttpTest extends DatabaseTest {

    private static final String USERS_BY_ADDRESS =
            "query Users($did: String) { users(filter: {did: $did}) { totalCount } }";
    private static final String INVALID = "{ pools { nodes { noSuchField } } }";

    @Inject
    GraphQLHttp http;
    @Inject
    EmbeddedServer server;
    @Inject
    Actors actors;

    @Test
    void aPostAcceptingGraphQLResponseJsonIsAnsweredInIt() {
        Reply reply = http.post(USERS_BY_ADDRESS, Map.of(), null, GRAPHQL_RESPONSE_JSON);

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(GRAPHQL_RESPONSE_JSON, reply.contentType());
        assertTrue(reply.graphql().<Integer>data("users.totalCount") >= 0);
    }

    @Test
    void aPostAcceptingApplicationJsonIsAnsweredInIt() {
        Reply reply = http.post(USERS_BY_ADDRESS, Map.of(), null, MediaType.APPLICATION_JSON);

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(MediaType.APPLICATION_JSON, reply.contentType());
        assertTrue(reply.graphql().<Integer>data("users.totalCount") >= 0);
    }

    @Test
    void aValidationErrorIs400UnderGraphQLResponseJson() {
        Reply reply = http.post(INVALID, Map.of(), null, GRAPHQL_RESPONSE_JSON);

        assertEquals(400, reply.status(), reply::toString);
        assertEquals(GRAPHQL_RESPONSE_JSON, reply.contentType());
        GraphQLResponse response = reply.graphql();
        response.singleError("BAD_USER_INPUT");
        assertNull(response.body().get("data"));
        assertNoInternals(reply.body());
    }

    @Test
    void aValidationErrorIs200UnderApplicationJson() {
        Reply reply = http.post(INVALID, Map.of(), null, MediaType.APPLICATION_JSON);

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(MediaType.APPLICATION_JSON, reply.contentType());
        reply.graphql().singleError("BAD_USER_INPUT");
        assertNoInternals(reply.body());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = "*/*")
    void aClientThatAcceptsAnythingOrSaysNothingIsAnsweredInApplicationJson(String accept) {
        HttpResponse<String> valid = new InstanceProbe(server).graphql(
                "{\"query\":\"{ pools(first: 1) { totalCount } }\"}", null, accept);
        HttpResponse<String> invalid = new InstanceProbe(server).graphql(
                "{\"query\":\"{ pools { nodes { noSuchField } } }\"}", null, accept);

        assertEquals(200, valid.statusCode(), valid::body);
        assertEquals(MediaType.APPLICATION_JSON, valid.headers().firstValue("Content-Type").orElseThrow()
                .split(";")[0]);
        assertEquals(200, invalid.statusCode(), "a validation error is 200 under application/json");
        assertEquals(MediaType.APPLICATION_JSON, invalid.headers().firstValue("Content-Type").orElseThrow()
                .split(";")[0]);
        assertTrue(invalid.body().contains("BAD_USER_INPUT"), invalid::body);
    }

    @Test
    void aMalformedJsonBodyIs400() {
        for (String body : List.of("{\"query\": ", "not json at all", "[\"{ viewer { address } }\"]", "", "null")) {
            Reply reply = http.post(body, MediaType.APPLICATION_JSON, GRAPHQL_RESPONSE_JSON, null);

            assertEquals(400, reply.status(), () -> body + " → " + reply);
            reply.graphql().singleError("BAD_USER_INPUT");
            assertNoInternals(reply.body());
        }
    }

    @Test
    void aBodyWithoutAQueryIs400() {
        for (String body : List.of("{}", "{\"variables\": {}}", "{\"query\": \"\"}", "{\"query\": 42}",
                "{\"query\": null}")) {
            Reply reply = http.post(body, MediaType.APPLICATION_JSON, GRAPHQL_RESPONSE_JSON, null);

            assertEquals(400, reply.status(), () -> body + " → " + reply);
            reply.graphql().singleError("BAD_USER_INPUT");
        }
    }

    @Test
    void variablesOrOperationNameOfTheWrongJsonTypeAre400() {
        for (String body : List.of("{\"query\": \"{ viewer { address } }\", \"variables\": [1]}",
                "{\"query\": \"{ viewer { address } }\", \"variables\": \"x\"}",
                "{\"query\": \"{ viewer { address } }\", \"operationName\": 7}")) {
            Reply reply = http.post(body, MediaType.APPLICATION_JSON, GRAPHQL_RESPONSE_JSON, null);

            assertEquals(400, reply.status(), () -> body + " → " + reply);
            reply.graphql().singleError("BAD_USER_INPUT");
        }
    }

    @Test
    void aBodyOfAnotherMediaTypeIs415() {
        String body = http.body("{ viewer { address } }", Map.of());
        for (String type : List.of(MediaType.TEXT_PLAIN, "application/graphql", MediaType.APPLICATION_FORM_URLENCODED)) {
            Reply reply = http.post(body, type, GRAPHQL_RESPONSE_JSON, null);

            assertEquals(415, reply.status(), () -> type + " → " + reply);
            assertNoInternals(reply.body());
        }
    }

    @Test
    void aJsonBodyWithACharsetIsAccepted() {
        Reply reply = http.post(http.body(USERS_BY_ADDRESS, Map.of()), "application/json; charset=utf-8",
                GRAPHQL_RESPONSE_JSON, null);

        assertEquals(200, reply.status(), reply::toString);
    }

    @Test
    void anAnswerIsDatedNow() {
        Reply reply = http.post(USERS_BY_ADDRESS, Map.of(), null, GRAPHQL_RESPONSE_JSON);

        Instant date = ZonedDateTime.parse(reply.header("Date"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertTrue(Duration.between(date, Instant.now()).abs().getSeconds() <= 5, reply::toString);
        assertTrue(reply.header("Date").matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"),
                reply.header("Date"));
    }

    @Test
    void aBodysTextIsReadAsUtf8() {
        // The controller parses the body's bytes itself; an operation name outside ASCII comes back intact.
        Reply reply = http.post("{\"query\":\"{ __typename }\",\"operationName\":\"Prêt✓\"}", MediaType.APPLICATION_JSON,
                GRAPHQL_RESPONSE_JSON, null);

        assertEquals(400, reply.status(), reply::toString);
        assertEquals("Unknown operation named 'Prêt✓'.", reply.graphql().errors().get(0).get("message"), reply::toString);
    }

    @Test
    void aGetWithAQueryIsAnswered() {
        Actor user = actors.register();
        URI uri = UriBuilder.of(PATH)
                .queryParam("query", "query One($address: String!) { user(address: $address) { address } }")
                .queryParam("variables", http.write(Map.of("address", user.address())))
                .queryParam("operationName", "One")
                .build();

        Reply reply = http.exchange(GraphQLHttp.withAccept(HttpRequest.GET(uri), GRAPHQL_RESPONSE_JSON), null);

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(GRAPHQL_RESPONSE_JSON, reply.contentType());
        assertEquals(user.address(), reply.graphql().data("user.address"));
    }

    @Test
    void aGetWithAMutationIs405AndChangesNothing() throws SQLException {
        String address = Fixtures.newAddress();
        URI uri = UriBuilder.of(PATH)
                .queryParam("query", "mutation { registerUser(input: {address: \"" + address + "\"}) { apiKey } }")
                .build();

        Reply reply = http.exchange(GraphQLHttp.withAccept(HttpRequest.GET(uri), GRAPHQL_RESPONSE_JSON), null);

        assertEquals(405, reply.status(), reply::toString);
        assertEquals("POST", reply.header(HttpHeaders.ALLOW));
        assertNoInternals(reply.body());
        assertEquals(0, count("SELECT count(*) FROM users WHERE address = ?", address));
        assertEquals(0, count("SELECT count(*) FROM audit_events WHERE target = ?", address));
    }

    @Test
    void aGetNamingTheMutationOfADocumentIs405() throws SQLException {
        String address = Fixtures.newAddress();
        URI uri = UriBuilder.of(PATH)
                .queryParam("query", "query Q { viewer { address } } "
                        + "mutation M { registerUser(input: {address: \"" + address + "\"}) { apiKey } }")
                .queryParam("operationName", "M")
                .build();

        Reply reply = http.exchange(GraphQLHttp.withAccept(HttpRequest.GET(uri), MediaType.APPLICATION_JSON), null);

        assertEquals(405, reply.status(), reply::toString);
        assertEquals("POST", reply.header(HttpHeaders.ALLOW));
        assertEquals(0, count("SELECT count(*) FROM users WHERE address = ?", address));
    }

    @Test
    void aGetWithoutAQueryIs400() {
        Reply reply = http.exchange(GraphQLHttp.withAccept(HttpRequest.GET(PATH), GRAPHQL_RESPONSE_JSON), null);

        assertEquals(400, reply.status(), reply::toString);
        reply.graphql().singleError("BAD_USER_INPUT");
    }

    @Test
    void otherMethodsAre405() {
        String body = http.body("{ viewer { address } }", Map.of());
        for (MutableHttpRequest<?> request : List.of(HttpRequest.PUT(PATH, body), HttpRequest.PATCH(PATH, body),
                HttpRequest.DELETE(PATH))) {
            request.contentType(MediaType.APPLICATION_JSON_TYPE);

            Reply reply = http.exchange(GraphQLHttp.withAccept(request, GRAPHQL_RESPONSE_JSON), null);

            assertEquals(405, reply.status(), () -> request.getMethod() + " → " + reply);
            assertNoInternals(reply.body());
        }
    }

    @Test
    void aBodyOverOneMegabyteIs413() throws SQLException {
        String address = Fixtures.newAddress();
        char[] padding = new char[1024 * 1024 + 1];
        Arrays.fill(padding, ' ');
        String body = http.body("mutation { registerUser(input: {address: \"" + address + "\"}) { apiKey } }"
                + new String(padding), Map.of());

        Reply reply = http.post(body, MediaType.APPLICATION_JSON, GRAPHQL_RESPONSE_JSON, null);

        assertEquals(413, reply.status(), reply::toString);
        assertNotNull(reply.header(RequestIdFilter.HEADER), reply::toString);
        assertNoInternals(reply.body());
        reply.graphql().singleError("BAD_USER_INPUT");
        assertEquals(0, count("SELECT count(*) FROM users WHERE address = ?", address));
    }

    /** The probe's 10 kB Authorization and X-Request-Id headers: 431, in the errors shape. */
    @ParameterizedTest
    @ValueSource(strings = {HttpHeaders.AUTHORIZATION, RequestIdFilter.HEADER})
    void headersOverTheLimitAre431InTheErrorsShape(String header) {
        MutableHttpRequest<String> request = HttpRequest.POST("/graphql", http.body("{ viewer { address } }", Map.of()))
                .contentType(MediaType.APPLICATION_JSON)
                .header(header, "Bearer " + "a".repeat(10_000));

        Reply reply = http.exchange(request, null);

        assertEquals(431, reply.status(), reply::toString);
        assertNoInternals(reply.body());
        reply.graphql().singleError("BAD_USER_INPUT");
    }

    /** A Content-Length over the limit is refused before a byte of the body is read. */
    @Test
    void aDeclaredFortyMegabyteBodyIs413BeforeItIsSent() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("POST /graphql HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 40000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            StringBuilder answer = new StringBuilder();
            byte[] chunk = new byte[4096];
            int read;
            // Until the errors body has arrived: the connection may stay open after it.
            while (!answer.toString().endsWith("}]}") && (read = socket.getInputStream().read(chunk)) > 0) {
                answer.append(new String(chunk, 0, read, StandardCharsets.UTF_8));
            }

            assertTrue(answer.toString().startsWith("HTTP/1.1 413"), answer::toString);
            assertTrue(answer.toString().contains("\"code\":\"BAD_USER_INPUT\""), answer::toString);
            assertNoInternals(answer.toString());
        }
    }

    @Test
    void everyResponseCarriesARequestId() {
        String body = http.body("{ viewer { address } }", Map.of());
        List<Reply> replies = List.of(
                http.post(USERS_BY_ADDRESS, Map.of(), null, GRAPHQL_RESPONSE_JSON),
                http.post(INVALID, Map.of(), null, GRAPHQL_RESPONSE_JSON),
                http.post("{", MediaType.APPLICATION_JSON, GRAPHQL_RESPONSE_JSON, null),
                http.post(body, MediaType.TEXT_PLAIN, GRAPHQL_RESPONSE_JSON, null),
                http.post(USERS_BY_ADDRESS, Map.of(), "no-such-key", GRAPHQL_RESPONSE_JSON),
                http.exchange(HttpRequest.PUT(PATH, body).contentType(MediaType.APPLICATION_JSON_TYPE), null),
                http.exchange(HttpRequest.GET("/no-such-page"), null));

        assertAll(replies.stream().map(reply -> () -> {
            assertNotNull(reply.header(RequestIdFilter.HEADER), reply::toString);
            assertTrue(reply.header(RequestIdFilter.HEADER).matches("[A-Za-z0-9._:-]{1,100}"), reply::toString);
        }));
        assertEquals(replies.size(), replies.stream().map(reply -> reply.header(RequestIdFilter.HEADER))
                .distinct().count(), "each request gets an id of its own");
    }

    @Test
    void aSaneIncomingRequestIdIsEchoed() {
        String id = "client-" + UUID.randomUUID() + ":1.2_a";
        MutableHttpRequest<String> request = HttpRequest.POST(PATH, http.body(USERS_BY_ADDRESS, Map.of()))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(RequestIdFilter.HEADER, id);

        Reply reply = http.exchange(request, null);

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(id, reply.header(RequestIdFilter.HEADER));
    }

    @Test
    void anInsaneIncomingRequestIdIsReplaced() {
        for (String id : List.of("has spaces in it", "x".repeat(101), "<script>", "a;b")) {
            MutableHttpRequest<String> request = HttpRequest.POST(PATH, http.body(USERS_BY_ADDRESS, Map.of()))
                    .contentType(MediaType.APPLICATION_JSON_TYPE)
                    .header(RequestIdFilter.HEADER, id);

            Reply reply = http.exchange(request, null);

            assertEquals(200, reply.status(), reply::toString);
            String echoed = reply.header(RequestIdFilter.HEADER);
            assertNotNull(echoed);
            assertNotEquals(id, echoed);
            assertTrue(echoed.matches("[A-Za-z0-9._:-]{1,100}"), echoed);
        }
    }

}
