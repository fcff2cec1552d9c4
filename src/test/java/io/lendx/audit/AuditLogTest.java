package io.lendx.audit;

import io.lendx.support.GraphQLHttp;
import io.lendx.http.RequestIdFilter;
import io.lendx.support.GraphQLHttp.Reply;
import io.lendx.support.Actors;
import io.lendx.support.Actors.Actor;
import io.lendx.support.DatabaseTest;
import io.lendx.support.Fixtures;
import io.lendx.support.GraphQLClient;
import io.lendx.support.GraphQLResponse;
import io.lendx.support.MutableClock;
import io.lendx.support.TestDatabase;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.lendx.support.Actors.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every mutation attempt leaves exactly one append-only audit row; ADMINs read them through auditEvents. */
@MicronautTest(transactional = false)
class AuditLogTest extends DatabaseTest {

    private static final String CREATE_POOL = """
            mutation CreatePool($input: CreatePoolInput!) {
              createPool(input: $input) { pool { address } }
            }""";
    private static final String AUDIT_EVENTS = """
            query AuditEvents($first: Int, $after: String, $filter: AuditEventFilter) {
              auditEvents(first: $first, after: $after, filter: $filter) {
                totalCount
                pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
                edges { cursor node { id } }
                nodes { id occurredAt actor action target outcome errorCode requestId clientAddress }
              }
            }""";
    /** The tests' client, 127.0.0.1, as the log keeps it: its network only (ClientNetwork). */
    private static final String LOCALHOST = "127.0.0.0/24";

    @Inject
    GraphQLClient graphql;
    @Inject
    GraphQLHttp http;
    @Inject
    Actors actors;
    @Inject
    MutableClock clock;

    @Test
    void aSuccessfulMutationWritesOneSuccessRow() throws SQLException {
        Actor issuer = actors.register();
        String poolAddress = Fixtures.newObjectId();
        clock.advance(Duration.ofSeconds(1));

        Reply reply = http.post(CREATE_POOL, Map.of("input", pool(poolAddress)), issuer.apiKey(),
                MediaType.APPLICATION_JSON);

        assertEquals(poolAddress, reply.graphql().data("createPool.pool.address"));
        String requestId = reply.header(RequestIdFilter.HEADER);
        assertNotNull(requestId);
        assertEquals(1, rowsOfRequest(requestId).size());
        List<Map<String, Object>> events = events(Map.of("actor", issuer.address(), "action", "createPool"))
                .data("auditEvents.nodes");
        assertEquals(1, events.size(), events::toString);
        Map<String, Object> event = events.get(0);
        assertEquals(clock.instant().toString(), event.get("occurredAt"));
        assertEquals(issuer.address(), event.get("actor"));
        assertEquals("createPool", event.get("action"));
        assertEquals(poolAddress, event.get("target"));
        assertEquals("SUCCESS", event.get("outcome"));
        assertNull(event.get("errorCode"));
        assertTrue(event.containsKey("errorCode"));
        assertEquals(requestId, event.get("requestId"));
        assertEquals(LOCALHOST, event.get("clientAddress"));
        assertEquals(rowsOfRequest(requestId).get(0).get("event_id"), event.get("id"));
    }

    @Test
    void aCreationWithoutAnAddressIsAuditedUnderTheGeneratedOne() throws SQLException {
        Actor issuer = actors.register();

        Reply reply = http.post(CREATE_POOL, Map.of("input", pool(null)), issuer.apiKey(), MediaType.APPLICATION_JSON);

        String generated = reply.graphql().data("createPool.pool.address");
        Map<String, Object> row = onlyRowOf(reply);
        assertEquals(generated, row.get("target"));
        assertEquals("SUCCESS", row.get("outcome"));
    }

    @Test
    void aRegistrationIsAuditedWithoutAnActor() throws SQLException {
        String address = Fixtures.newAddress();

        Reply reply = http.post("mutation R($input: RegisterUserInput!) { registerUser(input: $input) { keyId } }",
                Map.of("input", Map.of("address", address)), null, MediaType.APPLICATION_JSON);

        reply.graphql().data("registerUser.keyId");
        Map<String, Object> row = onlyRowOf(reply);
        assertNull(row.get("actor"));
        assertEquals("registerUser", row.get("action"));
        assertEquals(address, row.get("target"));
        assertEquals("SUCCESS", row.get("outcome"));
        assertNull(row.get("error_code"));
        assertEquals(LOCALHOST, row.get("client_address"));
    }

    @Test
    void theBootstrapAdminIsAuditedAsItsKey() throws SQLException {
        Actor user = actors.register();

        Reply reply = http.post("mutation C($input: CreateApiKeyInput!) { createApiKey(input: $input) { keyId } }",
                Map.of("input", Map.of("userAddress", user.address())), Actors.ADMIN_KEY, MediaType.APPLICATION_JSON);

        String keyId = reply.graphql().data("createApiKey.keyId");
        Map<String, Object> row = onlyRowOf(reply);
        assertEquals("key:bootstrap-admin", row.get("actor"));
        assertEquals("createApiKey", row.get("action"));
        assertEquals(keyId, row.get("target"), "the target is the object created: the new key");
        assertEquals("SUCCESS", row.get("outcome"));
    }

    @Test
    void twoMutationsInOneRequestWriteTwoRowsWithItsId() throws SQLException {
        Actor issuer = actors.register();
        String first = Fixtures.newObjectId();
        String second = Fixtures.newObjectId();

        Reply reply = http.post("""
                mutation Two($a: CreatePoolInput!, $b: CreatePoolInput!) {
                  a: createPool(input: $a) { pool { address } }
                  b: createPool(input: $b) { pool { address } }
                }""", Map.of("a", pool(first), "b", pool(second)), issuer.apiKey(), MediaType.APPLICATION_JSON);

        assertEquals(second, reply.graphql().data("b.pool.address"));
        List<Map<String, Object>> rows = rowsOfRequest(reply.header(RequestIdFilter.HEADER));
        assertEquals(2, rows.size(), rows::toString);
        assertEquals(Set.of(first, second), rows.stream().map(row -> row.get("target")).collect(Collectors.toSet()));
        assertTrue(rows.stream().allMatch(row -> "SUCCESS".equals(row.get("outcome"))), rows::toString);
    }

    @Test
    void aForbiddenApprovalWritesAFailureRowAndChangesNothing() throws SQLException {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        Actor stranger = actors.register();
        String pool = actors.pool(issuer, "5000");
        String application = actors.apply(borrower, pool, "1000");

        Reply reply = http.post("""
                        mutation A($input: ApproveApplicationInput!) {
                          approveApplication(input: $input) { loan { address } }
                        }""", Map.of("input", Map.of("applicationAddress", application)), stranger.apiKey(),
                MediaType.APPLICATION_JSON);

        reply.graphql().singleError("FORBIDDEN");
        Map<String, Object> row = onlyRowOf(reply);
        assertEquals(stranger.address(), row.get("actor"));
        assertEquals("approveApplication", row.get("action"));
        assertEquals(application, row.get("target"));
        assertEquals("FAILURE", row.get("outcome"));
        assertEquals("FORBIDDEN", row.get("error_code"));
        assertEquals(LOCALHOST, row.get("client_address"));
        GraphQLResponse after = graphql.operation("pool/GetPool", Map.of("address", pool));
        assertEquals("5000.000000", after.data("pool.currentBalance"));
        assertEquals(0, (int) after.data("pool.loans.totalCount"));
        assertEquals("PENDING", graphql.operation("application/GetApplication", Map.of("address", application))
                .data("application.state"));
    }

    @Test
    void anAnonymousMutationWritesAnUnauthenticatedFailureRow() throws SQLException {
        String poolAddress = Fixtures.newObjectId();
        String requestId = "anonymous-" + UUID.randomUUID();
        long pools = count("SELECT count(*) FROM pools");

        Reply reply = post(CREATE_POOL, Map.of("input", pool(poolAddress)), null, requestId);

        reply.graphql().singleError("UNAUTHENTICATED");
        assertEquals(requestId, reply.header(RequestIdFilter.HEADER));
        Map<String, Object> row = onlyRowOf(reply);
        assertNull(row.get("actor"));
        assertEquals("createPool", row.get("action"));
        assertEquals(poolAddress, row.get("target"));
        assertEquals("FAILURE", row.get("outcome"));
        assertEquals("UNAUTHENTICATED", row.get("error_code"));
        assertEquals(requestId, row.get("request_id"));
        assertEquals(pools, count("SELECT count(*) FROM pools"));
    }

    @Test
    void badInputWritesAFailureRowAndNoPool() throws SQLException {
        Actor issuer = actors.register();
        String poolAddress = Fixtures.newObjectId();
        Map<String, Object> input = pool(poolAddress);
        input.put("durationDays", 0);

        Reply reply = http.post(CREATE_POOL, Map.of("input", input), issuer.apiKey(), MediaType.APPLICATION_JSON);

        reply.graphql().singleError("BAD_USER_INPUT");
        Map<String, Object> row = onlyRowOf(reply);
        assertEquals(issuer.address(), row.get("actor"));
        assertEquals("createPool", row.get("action"));
        assertEquals(poolAddress, row.get("target"));
        assertEquals("FAILURE", row.get("outcome"));
        assertEquals("BAD_USER_INPUT", row.get("error_code"));
        assertNull(graphql.operation("pool/GetPool", Map.of("address", poolAddress)).data("pool"));
    }

    /** Padding an address past the target column's 100 characters must not hide an attempt. */
    @Test
    void anOversizedAddressIsStillAudited() throws SQLException {
        Actor issuer = actors.register();
        String tooLong = "A".repeat(500);

        Reply reply = http.post(CREATE_POOL, Map.of("input", pool(tooLong)), issuer.apiKey(),
                MediaType.APPLICATION_JSON);

        reply.graphql().singleError("BAD_USER_INPUT");
        Map<String, Object> row = onlyRowOf(reply);
        assertEquals(issuer.address(), row.get("actor"));
        assertEquals("FAILURE", row.get("outcome"));
        assertEquals("BAD_USER_INPUT", row.get("error_code"));
    }

    /** PostgreSQL refuses NUL in text; the attempt that carries one is audited all the same. */
    @ParameterizedTest
    @ValueSource(strings = {"zzz\u0000", "\u0000", "key\u0000id\u0000"})
    void aNulCharacterInAnInputIsStillAudited(String keyId) throws SQLException {
        Actor issuer = actors.register();
        Reply reply = http.post("""
                mutation RevokeApiKey($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { revoked } }""",
                Map.of("input", Map.of("keyId", keyId)), issuer.apiKey(), MediaType.APPLICATION_JSON);

        reply.graphql().singleError("BAD_USER_INPUT");
        Map<String, Object> row = onlyRowOf(reply);
        assertEquals("revokeApiKey", row.get("action"));
        assertEquals("FAILURE", row.get("outcome"));
        assertEquals("BAD_USER_INPUT", row.get("error_code"));
        assertEquals(keyId.replace('\u0000', '\uFFFD'), row.get("target"));
    }

    @Test
    void aReplayIsAuditedAsAReplay() throws SQLException {
        Actor issuer = actors.register();
        Map<String, Object> input = new HashMap<>(pool(Fixtures.newObjectId()));
        input.put("idempotencyKey", "create-once-" + Fixtures.newObjectId());

        Reply first = http.post(CREATE_POOL, Map.of("input", input), issuer.apiKey(), MediaType.APPLICATION_JSON);
        Reply again = http.post(CREATE_POOL, Map.of("input", input), issuer.apiKey(), MediaType.APPLICATION_JSON);

        assertEquals(first.graphql().<String>data("createPool.pool.address"),
                again.graphql().data("createPool.pool.address"));
        assertEquals("SUCCESS", onlyRowOf(first).get("outcome"));
        Map<String, Object> replay = onlyRowOf(again);
        assertEquals("REPLAY", replay.get("outcome"));
        assertNull(replay.get("error_code"));
        assertEquals(input.get("poolAddress"), replay.get("target"));
    }

    /** The probe's ten concurrent retries of one key: one effect, one success, nine replays. */
    @Test
    void concurrentRetriesOfOneKeyAreOneSuccessAndReplays() throws Exception {
        Actor issuer = actors.register();
        Map<String, Object> input = new HashMap<>(pool(Fixtures.newObjectId()));
        input.put("idempotencyKey", "race-" + Fixtures.newObjectId());
        ExecutorService clients = Executors.newFixedThreadPool(10);
        List<Future<Reply>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                replies.add(clients.submit(() -> http.post(CREATE_POOL, Map.of("input", input), issuer.apiKey(),
                        MediaType.APPLICATION_JSON)));
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<Reply> reply : replies) {
                Reply answered = reply.get(30, TimeUnit.SECONDS);
                assertEquals(input.get("poolAddress"), answered.graphql().data("createPool.pool.address"));
                outcomes.add((String) onlyRowOf(answered).get("outcome"));
            }
            assertEquals(1, outcomes.stream().filter("SUCCESS"::equals).count(), outcomes::toString);
            assertEquals(9, outcomes.stream().filter("REPLAY"::equals).count(), outcomes::toString);
        } finally {
            clients.shutdownNow();
        }
        assertEquals(1, count("SELECT count(*) FROM pools WHERE pool_address = ?", input.get("poolAddress")));
    }

    @Test
    void aConflictWritesAFailureRowWithItsCode() throws SQLException {
        Actor issuer = actors.register();
        String poolAddress = Fixtures.newObjectId();
        http.post(CREATE_POOL, Map.of("input", pool(poolAddress)), issuer.apiKey(), MediaType.APPLICATION_JSON)
                .graphql().data("createPool.pool.address");

        Reply again = http.post(CREATE_POOL, Map.of("input", pool(poolAddress)), issuer.apiKey(),
                MediaType.APPLICATION_JSON);

        again.graphql().singleError("CONFLICT");
        Map<String, Object> row = onlyRowOf(again);
        assertEquals("FAILURE", row.get("outcome"));
        assertEquals("CONFLICT", row.get("error_code"));
        assertEquals(poolAddress, row.get("target"));
    }

    /** A mutation refused before execution (a bad key) is an attempt too, and the one most worth a row. */
    @Test
    void aMutationWithARevokedKeyWritesAnUnauthenticatedFailureRow() throws SQLException {
        Actor issuer = actors.register();
        graphql.mutation("auth/RevokeApiKey", input("keyId", issuer.keyId()), issuer.apiKey())
                .data("revokeApiKey.revoked");
        String poolAddress = Fixtures.newObjectId();

        Reply reply = http.post(CREATE_POOL, Map.of("input", pool(poolAddress)), issuer.apiKey(),
                MediaType.APPLICATION_JSON);

        reply.graphql().singleError("UNAUTHENTICATED");
        Map<String, Object> row = onlyRowOf(reply);
        assertEquals("createPool", row.get("action"));
        assertEquals("FAILURE", row.get("outcome"));
        assertEquals("UNAUTHENTICATED", row.get("error_code"));
    }

    @Test
    void aQueryWritesNoRow() throws SQLException {
        Actor user = actors.register();

        Reply reply = http.post("{ viewer { address } }", Map.of(), user.apiKey(), MediaType.APPLICATION_JSON);

        assertEquals(user.address(), reply.graphql().data("viewer.address"));
        assertEquals(List.of(), rowsOfRequest(reply.header(RequestIdFilter.HEADER)));
    }

    @Test
    void theLogIsNewestFirstAndFiltersByActorActionAndTime() {
        Actor user = actors.register();
        Instant t0 = tick();
        String p0 = actors.pool(user, "1000");
        Instant t1 = tick();
        String p1 = actors.pool(user, "1000");
        Instant t2 = tick();
        graphql.mutation("auth/CreateApiKey", input(), user.apiKey()).data("createApiKey.keyId");
        Instant t3 = tick();
        Map<String, Object> bad = pool("BAD" + UUID.randomUUID().toString().replace("-", ""));
        bad.put("durationDays", 0);
        graphql.mutation("pool/CreatePool", bad, user.apiKey()).singleError("BAD_USER_INPUT");
        tick();

        List<Map<String, Object>> all = events(Map.of("actor", user.address())).data("auditEvents.nodes");
        assertEquals(List.of("createPool", "createApiKey", "createPool", "createPool"),
                all.stream().map(event -> event.get("action")).toList());
        assertEquals(List.of(t3.toString(), t2.toString(), t1.toString(), t0.toString()),
                all.stream().map(event -> event.get("occurredAt")).toList());
        assertEquals(List.of("FAILURE", "SUCCESS", "SUCCESS", "SUCCESS"),
                all.stream().map(event -> event.get("outcome")).toList());
        assertEquals(p1, all.get(2).get("target"));
        assertEquals(p0, all.get(3).get("target"));

        List<Map<String, Object>> pools = events(Map.of("actor", user.address(), "action", "createPool"))
                .data("auditEvents.nodes");
        assertEquals(List.of(t3.toString(), t1.toString(), t0.toString()),
                pools.stream().map(event -> event.get("occurredAt")).toList());

        GraphQLResponse window = events(Map.of("actor", user.address(), "occurredAfter", t1.toString(),
                "occurredBefore", t3.toString()));
        assertEquals(List.of(t2.toString(), t1.toString()), window.<List<Map<String, Object>>>data("auditEvents.nodes")
                .stream().map(event -> event.get("occurredAt")).toList());
        assertEquals(2, (int) window.data("auditEvents.totalCount"));

        List<Map<String, Object>> since = events(Map.of("actor", user.address(), "occurredAfter", t2.toString()))
                .data("auditEvents.nodes");
        assertEquals(List.of("createPool", "createApiKey"), since.stream().map(event -> event.get("action")).toList());

        List<Map<String, Object>> before = events(Map.of("actor", user.address(), "action", "createPool",
                "occurredBefore", t1.toString())).data("auditEvents.nodes");
        assertEquals(List.of(p0), before.stream().map(event -> event.get("target")).toList());

        assertEquals(0, (int) events(Map.of("actor", user.address(), "action", "approveApplication"))
                .data("auditEvents.totalCount"));
        assertEquals(0, (int) events(Map.of("actor", "'; DROP TABLE audit_events; --"))
                .data("auditEvents.totalCount"));
    }

    @Test
    void theLogPagesWithCursors() {
        Actor user = actors.register();
        List<String> pools = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tick();
            pools.add(actors.pool(user, "1000"));
        }
        Map<String, Object> filter = Map.of("actor", user.address());

        GraphQLResponse first = events(filter, 2, null);
        GraphQLResponse second = events(filter, 2, first.data("auditEvents.pageInfo.endCursor"));
        GraphQLResponse third = events(filter, 2, second.data("auditEvents.pageInfo.endCursor"));

        assertEquals(List.of(pools.get(4), pools.get(3)), targets(first));
        assertEquals(List.of(pools.get(2), pools.get(1)), targets(second));
        assertEquals(List.of(pools.get(0)), targets(third));
        assertEquals(true, first.data("auditEvents.pageInfo.hasNextPage"));
        assertEquals(false, first.data("auditEvents.pageInfo.hasPreviousPage"));
        assertEquals(true, second.data("auditEvents.pageInfo.hasNextPage"));
        assertEquals(true, second.data("auditEvents.pageInfo.hasPreviousPage"));
        assertEquals(false, third.data("auditEvents.pageInfo.hasNextPage"));
        for (GraphQLResponse page : List.of(first, second, third)) {
            assertEquals(5, (int) page.data("auditEvents.totalCount"));
            List<Map<String, Object>> edges = page.data("auditEvents.edges");
            assertEquals(page.data("auditEvents.pageInfo.endCursor"), edges.get(edges.size() - 1).get("cursor"));
            assertEquals(page.data("auditEvents.pageInfo.startCursor"), edges.get(0).get("cursor"));
        }
        graphql.send(AUDIT_EVENTS, Map.of("first", 101), Actors.ADMIN_KEY).singleError("BAD_USER_INPUT");
        graphql.send(AUDIT_EVENTS, Map.of("after", "not-a-cursor"), Actors.ADMIN_KEY).singleError("BAD_USER_INPUT");
    }

    @Test
    void theLogIsForAdminsOnly() {
        Actor user = actors.register();
        String adminOfUser = graphql.mutation("auth/CreateApiKey", input("userAddress", user.address(), "role",
                "ADMIN"), Actors.ADMIN_KEY).data("createApiKey.apiKey");

        GraphQLResponse anonymous = graphql.send(AUDIT_EVENTS, Map.of(), null);
        GraphQLResponse asUser = graphql.send(AUDIT_EVENTS, Map.of(), user.apiKey());
        GraphQLResponse asAdmin = graphql.send(AUDIT_EVENTS, Map.of("filter", Map.of("actor", user.address())),
                adminOfUser);

        anonymous.singleError("UNAUTHENTICATED");
        assertNull(anonymous.body().get("data"));
        asUser.singleError("FORBIDDEN");
        assertNull(asUser.body().get("data"));
        assertTrue((int) asAdmin.data("auditEvents.totalCount") >= 0);
        GraphQLResponse totalOnly = graphql.send("{ auditEvents { totalCount } }", Map.of(), user.apiKey());
        totalOnly.singleError("FORBIDDEN");
    }

    @Test
    void theDatabaseRefusesToChangeOrRemoveAuditRows() throws SQLException {
        Actor issuer = actors.register();
        Map<String, Object> input = pool(Fixtures.newObjectId());
        input.put("durationDays", 0);
        Reply refused = http.post(CREATE_POOL, Map.of("input", input), issuer.apiKey(), MediaType.APPLICATION_JSON);
        String requestId = refused.header(RequestIdFilter.HEADER);
        Map<String, Object> original = onlyRowOf(refused);
        long rows = count("SELECT count(*) FROM audit_events");

        try (Connection connection = TestDatabase.connect(database())) {
            for (String sql : List.of(
                    "UPDATE audit_events SET outcome = 'SUCCESS', error_code = NULL WHERE request_id = '"
                            + requestId + "'",
                    "UPDATE audit_events SET actor = 'someone else'",
                    "DELETE FROM audit_events WHERE request_id = '" + requestId + "'",
                    "DELETE FROM audit_events",
                    "TRUNCATE audit_events",
                    "TRUNCATE audit_events CASCADE")) {
                try (Statement statement = connection.createStatement()) {
                    SQLException refusal = assertThrows(SQLException.class, () -> statement.execute(sql), sql);
                    assertTrue(refusal.getMessage().contains("append-only"), refusal::getMessage);
                }
            }
        }

        assertEquals(rows, count("SELECT count(*) FROM audit_events"));
        assertEquals(original, rowsOfRequest(requestId).get(0));
    }

    private Instant tick() {
        clock.advance(Duration.ofMinutes(1));
        return clock.instant();
    }

    private static Map<String, Object> pool(String address) {
        Map<String, Object> input = new HashMap<>(Map.of("totalBalance", "1000", "minimumLoan", "100",
                "durationDays", 30, "interestRate", "5"));
        if (address != null) {
            input.put("poolAddress", address);
        }
        return input;
    }

    private Reply post(String document, Map<String, Object> variables, String apiKey, String requestId) {
        MutableHttpRequest<String> request = HttpRequest.POST(GraphQLHttp.PATH, http.body(document, variables))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(RequestIdFilter.HEADER, requestId);
        return http.exchange(request, apiKey);
    }

    private GraphQLResponse events(Map<String, Object> filter) {
        return events(filter, 100, null);
    }

    private GraphQLResponse events(Map<String, Object> filter, int first, String after) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("filter", filter);
        variables.put("first", first);
        variables.put("after", after);
        return graphql.send(AUDIT_EVENTS, variables, Actors.ADMIN_KEY);
    }

    private static List<Object> targets(GraphQLResponse page) {
        return page.<List<Map<String, Object>>>data("auditEvents.nodes").stream().map(node -> node.get("target"))
                .toList();
    }

    /** The single audit row of a request, found by the X-Request-Id the response carries. */
    private Map<String, Object> onlyRowOf(Reply reply) throws SQLException {
        String requestId = reply.header(RequestIdFilter.HEADER);
        assertNotNull(requestId, reply::toString);
        List<Map<String, Object>> rows = rowsOfRequest(requestId);
        assertEquals(1, rows.size(), rows::toString);
        return rows.get(0);
    }

    private List<Map<String, Object>> rowsOfRequest(String requestId) throws SQLException {
        try (Connection connection = TestDatabase.connect(database());
             PreparedStatement select = connection.prepareStatement(
                     "SELECT event_id, occurred_at, actor, action, target, outcome, error_code, request_id,"
                             + " client_address FROM audit_events WHERE request_id = ? ORDER BY occurred_at, event_id")) {
            select.setString(1, requestId);
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
                        row.put(result.getMetaData().getColumnName(column), result.getObject(column));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

}
