package io.lendx.graphql;

import io.lendx.support.GraphQLHttp;
import io.lendx.support.GraphQLHttp.Reply;
import io.lendx.support.Actors;
import io.lendx.support.Actors.Actor;
import io.lendx.support.DatabaseTest;
import io.lendx.support.GraphQLClient;
import io.lendx.support.GraphQLResponse;
import io.lendx.support.MutableClock;
import io.lendx.support.TestDatabase;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.lendx.support.GraphQLHttp.GRAPHQL_RESPONSE_JSON;
import static io.lendx.support.GraphQLHttp.assertNoInternals;
import static io.lendx.support.Actors.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile and broken requests, one row each: the HTTP status under
 * {@code Accept: application/graphql-response+json}, the {@code extensions.code} of every error,
 * no internals in the body, and no table changed (nor any successful mutation audited).
 */
@MicronautTest(transactional = false)
class BadInputSuiteTest extends DatabaseTest {

    private static final String INJECTION = "'; DROP TABLE users; --";
    private static final String CREATE_POOL = """
            mutation CreatePool($input: CreatePoolInput!) {
              createPool(input: $input) { pool { address totalBalance } }
            }""";
    /** The counts that must not move; a refused mutation may add a FAILURE audit row, never a SUCCESS one. */
    private static final Map<String, String> COUNTS = countQueries();

    @Inject
    GraphQLHttp http;
    @Inject
    GraphQLClient graphql;
    @Inject
    Actors actors;
    @Inject
    MutableClock clock;

    private final Map<Key, String> keys = new HashMap<>();

    /** Who a row's request is sent as. */
    enum Key { NONE, USER, UNKNOWN, EXPIRED, REVOKED }

    /**
     * One bad request: either a raw body or a document with variables; the expected status, the
     * codes its errors may carry (all errors the same one; none: the request must succeed), and
     * a check of the data when there is any.
     */
    record Row(String rawBody, String document, Map<String, Object> variables, Key key, int status,
               List<String> codes, Consumer<GraphQLResponse> check) {
    }

    @BeforeAll
    void keys() {
        Actor user = actors.register();
        keys.put(Key.USER, user.apiKey());
        keys.put(Key.UNKNOWN, "lx_" + "Z".repeat(43));
        // A pool exists, so a filter that escaped its quotes would list something.
        actors.pool(user, "1000");
        GraphQLResponse revoked = graphql.mutation("auth/CreateApiKey", input(), user.apiKey());
        graphql.mutation("auth/RevokeApiKey", input("keyId", revoked.data("createApiKey.keyId")), user.apiKey())
                .data("revokeApiKey.revoked");
        keys.put(Key.REVOKED, revoked.data("createApiKey.apiKey"));
        keys.put(Key.EXPIRED, graphql.mutation("auth/CreateApiKey", input("expiresInDays", 1), user.apiKey())
                .data("createApiKey.apiKey"));
        clock.advance(Duration.ofDays(2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void aBadRequestIsRefusedWithItsCodeAndChangesNothing(Row row) throws SQLException {
        Map<String, Long> before = counts();
        String body = row.rawBody() != null ? row.rawBody() : http.body(row.document(), row.variables());

        Reply reply = http.post(body, MediaType.APPLICATION_JSON, GRAPHQL_RESPONSE_JSON, keys.get(row.key()));

        assertEquals(row.status(), reply.status(), reply::toString);
        assertEquals(GRAPHQL_RESPONSE_JSON, reply.contentType(), reply::toString);
        GraphQLResponse response = reply.graphql();
        if (row.codes().isEmpty()) {
            assertNull(response.body().get("errors"), reply::toString);
        } else {
            List<Map<String, Object>> errors = response.errors();
            assertFalse(errors.isEmpty(), reply::toString);
            Object code = ((Map<?, ?>) errors.get(0).get("extensions")).get("code");
            assertTrue(row.codes().contains(code), reply::toString);
            for (Map<String, Object> error : errors) {
                assertEquals(code, ((Map<?, ?>) error.get("extensions")).get("code"), reply::toString);
                assertTrue(error.get("message") instanceof String message && !message.isBlank(), reply::toString);
            }
            assertNoInternals(reply.body());
        }
        if (row.check() != null) {
            row.check().accept(response);
        }
        assertEquals(before, counts(), "nothing changed");
    }

    /**
     * PostgreSQL refuses a NUL character in text (SQLSTATE 22021) wherever a string argument
     * reaches SQL; that is the input's fault, so BAD_USER_INPUT, not an internal error.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("nulCharacters")
    void aNulCharacterInAStringArgumentIsNoInternalError(String name, String document, Map<String, Object> variables,
                                                         Key key) throws SQLException {
        Map<String, Long> before = counts();

        Reply reply = http.post(document, variables, keys.get(key), GRAPHQL_RESPONSE_JSON);

        for (Map<String, Object> error : reply.graphql().errors()) {
            assertEquals("BAD_USER_INPUT", ((Map<?, ?>) error.get("extensions")).get("code"), reply::toString);
        }
        assertNoInternals(reply.body());
        assertEquals(before, counts(), "nothing changed");
    }

    static Stream<Arguments> nulCharacters() {
        String nul = "r\u0000x";
        return Stream.of(
                Arguments.of("loans by borrower", "query($v: String) { loans(filter: {borrowerAddress: $v}) {"
                        + " totalCount } }", Map.of("v", nul), Key.NONE),
                Arguments.of("applications by pool", "query($v: String) { applications(filter: {poolAddress: $v})"
                        + " { totalCount } }", Map.of("v", nul), Key.NONE),
                Arguments.of("pools by issuer", "query($v: String) { pools(filter: {issuerAddress: $v}) {"
                        + " totalCount } }", Map.of("v", nul), Key.NONE),
                Arguments.of("users by DID", "query($v: String) { users(filter: {did: $v}) { totalCount } }",
                        Map.of("v", "did:web:a" + nul), Key.NONE),
                Arguments.of("user by address", "query($v: String!) { user(address: $v) { address } }",
                        Map.of("v", nul), Key.NONE),
                Arguments.of("pool by address", "query($v: String!) { pool(address: $v) { address } }",
                        Map.of("v", nul), Key.NONE),
                Arguments.of("loan by address", "query($v: String!) { loan(address: $v) { address } }",
                        Map.of("v", nul), Key.NONE),
                Arguments.of("idempotency key of createPool", CREATE_POOL,
                        Map.of("input", pool(Map.of("idempotencyKey", "retry" + nul))), Key.USER));
    }

    /** graphql-java's extensions.classification ("DataFetchingException") reads like a class name: none. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fieldErrors")
    void errorBodiesNameNoException(String name, String document, Map<String, Object> variables) {
        Reply reply = http.post(document, variables, null, GRAPHQL_RESPONSE_JSON);

        assertFalse(reply.graphql().errors().isEmpty(), reply::toString);
        GraphQLHttp.assertNoInternals(reply.body());
    }

    static Stream<Arguments> fieldErrors() {
        return Stream.of(
                Arguments.of("first above 100", "{ pools(first: 101) { totalCount } }", Map.of()),
                Arguments.of("anonymous mutation", CREATE_POOL, Map.of("input", pool(Map.of()))),
                Arguments.of("too wide", "{ pools(first: 1) { nodes { " + IntStream.range(0, 40)
                        .mapToObj(i -> "a" + i + ": address").collect(Collectors.joining(" ")) + " } } }", Map.of()));
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                // Transport
                raw("malformed JSON", "{\"query\": \"{ pools { totalCount } }\"", 400, "BAD_USER_INPUT"),
                raw("JSON with an unquoted key", "{query: \"{ pools { totalCount } }\"}", 400, "BAD_USER_INPUT"),
                raw("JSON string instead of an object", "\"{ pools { totalCount } }\"", 400, "BAD_USER_INPUT"),
                // Syntax
                query("unclosed selection set", "{ pools { nodes { address } }", 400, "BAD_USER_INPUT"),
                query("not GraphQL at all", "hello world(", 400, "BAD_USER_INPUT"),
                row("mutation with a syntax error", """
                        mutation { createPool(input: {totalBalance: "1000", minimumLoan: }) { pool { address } } }""",
                        Map.of(), Key.USER, 400, "BAD_USER_INPUT"),
                // Unknown fields and arguments
                query("unknown field", "{ pools { nodes { password } } }", 400, "BAD_USER_INPUT"),
                query("unknown root field", "{ adminSecrets }", 400, "BAD_USER_INPUT"),
                query("unknown argument", "{ pools(limit: 5) { totalCount } }", 400, "BAD_USER_INPUT"),
                row("unknown input field", """
                        mutation { createPool(input: {totalBalance: "1000", minimumLoan: "100", durationDays: 30,
                          interestRate: "5", currentBalance: "999999"}) { pool { address } } }""",
                        Map.of(), Key.USER, 400, "BAD_USER_INPUT"),
                // Wrong argument types
                query("string for an Int argument", "{ pools(first: \"ten\") { totalCount } }", 400,
                        "BAD_USER_INPUT"),
                query("unknown enum value", "{ loans(filter: {state: LOST}) { totalCount } }", 400,
                        "BAD_USER_INPUT"),
                row("string literal for durationDays", """
                        mutation { createPool(input: {totalBalance: "1000", minimumLoan: "100", durationDays: "30",
                          interestRate: "5"}) { pool { address } } }""", Map.of(), Key.USER, 400, "BAD_USER_INPUT"),
                row("float literal for a Decimal", """
                        mutation { createPool(input: {totalBalance: 1000.5, minimumLoan: "100", durationDays: 30,
                          interestRate: "5"}) { pool { address } } }""", Map.of(), Key.USER, 400, "BAD_USER_INPUT"),
                // Wrong variable types
                row("string variable for an Int", "query($first: Int) { pools(first: $first) { totalCount } }",
                        Map.of("first", "many"), Key.NONE, 400, "BAD_USER_INPUT"),
                row("variable declared with the wrong type",
                        "query($first: String) { pools(first: $first) { totalCount } }",
                        Map.of("first", "5"), Key.NONE, 400, "BAD_USER_INPUT"),
                row("required variable missing", CREATE_POOL, Map.of(), Key.USER, 400, "BAD_USER_INPUT"),
                row("input variable is a string", CREATE_POOL, Map.of("input", "everything"), Key.USER, 400,
                        "BAD_USER_INPUT"),
                createPool("input without totalBalance", pool(Map.of("totalBalance", "")), 400, "BAD_USER_INPUT"),
                createPool("durationDays as a string", pool(Map.of("durationDays", "30 days")), 400,
                        "BAD_USER_INPUT"),
                createPool("durationDays beyond Int", pool(Map.of("durationDays", 3_000_000_000L)), 400,
                        "BAD_USER_INPUT"),
                // Odd and oversized decimals
                createPool("decimal with seven decimals", pool(Map.of("totalBalance", "1.0000001")), 400,
                        "BAD_USER_INPUT"),
                createPool("decimal with an exponent", pool(Map.of("totalBalance", "1e5")), 400, "BAD_USER_INPUT"),
                createPool("decimal NaN", pool(Map.of("totalBalance", "NaN")), 400, "BAD_USER_INPUT"),
                createPool("decimal Infinity", pool(Map.of("totalBalance", "Infinity")), 400, "BAD_USER_INPUT"),
                createPool("decimal with 15 integer digits", pool(Map.of("totalBalance", "123456789012345")), 400,
                        "BAD_USER_INPUT"),
                createPool("decimal as a JSON float", pool(Map.of("totalBalance", 1.5)), 400, "BAD_USER_INPUT"),
                createPool("decimal as a huge JSON integer",
                        pool(Map.of("totalBalance", new BigInteger("1000000000000000000000"))), 400,
                        "BAD_USER_INPUT"),
                createPool("decimal with a thousands separator", pool(Map.of("totalBalance", "1,000")), 400,
                        "BAD_USER_INPUT"),
                createPool("decimal with blanks", pool(Map.of("totalBalance", " 1000 ")), 400, "BAD_USER_INPUT"),
                createPool("decimal as a boolean", pool(Map.of("totalBalance", true)), 400, "BAD_USER_INPUT"),
                createPool("interest rate with five decimals", pool(Map.of("interestRate", "5.00001")), 200,
                        "BAD_USER_INPUT"),
                createPool("negative total balance", pool(Map.of("totalBalance", "-1000")), 200, "BAD_USER_INPUT"),
                // Injection
                createPool("SQL injection as poolAddress", pool(Map.of("poolAddress", INJECTION)), 200,
                        "BAD_USER_INPUT"),
                row("SQL injection as a DID filter",
                        "query($did: String) { users(filter: {did: $did}) { totalCount nodes { address } } }",
                        Map.of("did", INJECTION), Key.NONE, 200, null,
                        response -> assertEquals(0, (int) response.data("users.totalCount"))),
                row("SQL injection as an issuer filter",
                        "query($issuer: String) { pools(filter: {issuerAddress: $issuer}) { totalCount } }",
                        Map.of("issuer", "x' OR '1'='1"), Key.NONE, 200, null,
                        response -> assertEquals(0, (int) response.data("pools.totalCount"))),
                row("SQL injection as a lookup key", "query($a: String!) { user(address: $a) { address } }",
                        Map.of("a", "r' OR 1=1; --"), Key.NONE, 200, null,
                        response -> assertNull(response.data("user"))),
                row("SQL injection as a cursor", "query($after: String) { pools(after: $after) { totalCount } }",
                        Map.of("after", INJECTION), Key.NONE, 200, "BAD_USER_INPUT", null),
                // Page sizes
                query("first above 100", "{ pools(first: 101) { totalCount } }", 200, "BAD_USER_INPUT"),
                query("negative first", "{ pools(first: -1) { totalCount } }", 200, "BAD_USER_INPUT"),
                // Refused before execution, as the cost it inflates would be, but for what it is.
                query("first above 100 that also makes the query too costly", "{ pools(first: 101) { nodes { "
                        + "loans(first: 100) { nodes { address borrower { address } } } } } }", 400, "BAD_USER_INPUT"),
                // Size, width, depth, cost
                query("200 KB of aliases", "{ pools(first: 1) { nodes { "
                                + IntStream.range(0, 15_000).mapToObj(i -> "a" + i + ": address")
                                .collect(Collectors.joining(" ")) + " } } }", 400,
                        List.of("QUERY_TOO_COMPLEX", "BAD_USER_INPUT")),
                query("200 KB of nested selections", "{ " + "pools(first: 1) { nodes { issuer { ".repeat(6_000)
                                + "address" + " } } }".repeat(6_000) + " }", 400,
                        List.of("QUERY_TOO_COMPLEX", "BAD_USER_INPUT")),
                query("40 aliases", "{ pools(first: 1) { nodes { " + IntStream.range(0, 40)
                        .mapToObj(i -> "a" + i + ": address").collect(Collectors.joining(" ")) + " } } }", 400,
                        "QUERY_TOO_COMPLEX"),
                query("21 root fields", "{ " + IntStream.range(0, 21).mapToObj(i -> "r" + i + ": viewer { address }")
                        .collect(Collectors.joining(" ")) + " }", 400, "QUERY_TOO_COMPLEX"),
                query("depth 14", "{ users(first: 1) { nodes { pools(first: 1) { nodes { issuer { pools(first: 1) {"
                        + " nodes { issuer { pools(first: 1) { nodes { issuer { pools(first: 1) { nodes { address"
                        + " } } } } } } } } } } } } } }", 400, "QUERY_TOO_COMPLEX"),
                query("introspection bomb", "{__schema{types{fields{type{fields{type{fields{type{fields{type{name}"
                        + "}}}}}}}}}}", 400, "QUERY_TOO_COMPLEX"),
                query("cost 100 × 100", "{ pools(first: 100) { nodes { loans(first: 100) { nodes { borrower {"
                        + " address } } } } } }", 400, "QUERY_TOO_COMPLEX"),
                row("cost 100 × 100 through variables",
                        "query($n: Int) { pools(first: $n) { nodes { loans(first: $n) { nodes { borrower { address }"
                                + " } } } } }", Map.of("n", 100), Key.NONE, 400, "QUERY_TOO_COMPLEX"),
                query("cost 100 × 100 behind a fragment", "{ pools(first: 100) { ...P } } fragment P on"
                        + " PoolConnection { nodes { loans(first: 100) { nodes { borrower { address } } } } }", 400,
                        "QUERY_TOO_COMPLEX"),
                // Keys
                row("unknown API key", "{ viewer { address } }", Map.of(), Key.UNKNOWN, 401, "UNAUTHENTICATED"),
                createPool("unknown API key on a mutation", pool(Map.of()), Key.UNKNOWN, 401, "UNAUTHENTICATED"),
                createPool("expired API key", pool(Map.of()), Key.EXPIRED, 401, "UNAUTHENTICATED"),
                createPool("revoked API key", pool(Map.of()), Key.REVOKED, 401, "UNAUTHENTICATED"),
                createPool("no API key", pool(Map.of()), Key.NONE, 200, "UNAUTHENTICATED"));
    }

    private static Arguments raw(String name, String body, int status, String code) {
        return Arguments.of(Named.of(name, new Row(body, null, null, Key.NONE, status, List.of(code), null)));
    }

    private static Arguments query(String name, String document, int status, String code) {
        return row(name, document, Map.of(), Key.NONE, status, code);
    }

    /** A row whose errors may carry any of these codes. */
    private static Arguments query(String name, String document, int status, List<String> codes) {
        return Arguments.of(Named.of(name, new Row(null, document, Map.of(), Key.NONE, status, codes, null)));
    }

    private static Arguments row(String name, String document, Map<String, Object> variables, Key key, int status,
                                 String code) {
        return row(name, document, variables, key, status, code, null);
    }

    private static Arguments row(String name, String document, Map<String, Object> variables, Key key, int status,
                                 String code, Consumer<GraphQLResponse> check) {
        return Arguments.of(Named.of(name, new Row(null, document, variables, key, status,
                code == null ? List.of() : List.of(code), check)));
    }

    private static Arguments createPool(String name, Map<String, Object> input, int status, String code) {
        return createPool(name, input, Key.USER, status, code);
    }

    private static Arguments createPool(String name, Map<String, Object> input, Key key, int status, String code) {
        return row(name, CREATE_POOL, Map.of("input", input), key, status, code);
    }

    /** A valid createPool input with some fields replaced (an empty string removes the field). */
    private static Map<String, Object> pool(Map<String, Object> changes) {
        Map<String, Object> input = new LinkedHashMap<>(Map.of("totalBalance", "1000", "minimumLoan", "100",
                "durationDays", 30, "interestRate", "5"));
        changes.forEach((field, value) -> {
            if ("".equals(value)) {
                input.remove(field);
            } else {
                input.put(field, value);
            }
        });
        return input;
    }

    private static Map<String, String> countQueries() {
        Map<String, String> queries = new LinkedHashMap<>();
        for (String table : List.of("users", "pools", "applications", "loans", "user_mpt_balances", "api_keys",
                "idempotency_keys")) {
            queries.put(table, "SELECT count(*) FROM " + table);
        }
        queries.put("revoked api_keys", "SELECT count(*) FROM api_keys WHERE revoked_at IS NOT NULL");
        queries.put("successful mutations", "SELECT count(*) FROM audit_events WHERE outcome = 'SUCCESS'");
        return queries;
    }

    private Map<String, Long> counts() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = TestDatabase.connect(database());
             Statement statement = connection.createStatement()) {
            for (Map.Entry<String, String> query : COUNTS.entrySet()) {
                try (ResultSet result = statement.executeQuery(query.getValue())) {
                    result.next();
                    counts.put(query.getKey(), result.getLong(1));
                }
            }
        }
        return counts;
    }
}
