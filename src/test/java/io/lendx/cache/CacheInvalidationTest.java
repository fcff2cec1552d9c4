package io.lendx.cache;

import io.lendx.application.ApplicationService;
import io.lendx.support.Actors;
import io.lendx.support.Actors.Actor;
import io.lendx.support.CacheMeters;
import io.lendx.support.DatabaseTest;
import io.lendx.support.Fixtures;
import io.lendx.support.GraphQLHttp;
import io.lendx.support.GraphQLHttp.Reply;
import io.lendx.support.MutableClock;
import io.lendx.support.TestDatabase;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way the data changes makes the next read show it: each mutation on this instance before
 * it answers (read-your-writes), jobs and writes from outside the service as soon as their
 * notice is heard. A rolled-back write drops nothing.
 */
@MicronautTest(transactional = false)
class CacheInvalidationTest extends DatabaseTest {

    private static final String POOL = "query Pool($address: String!) { pool(address: $address) { currentBalance"
            + " interestEarned applications(first: 5) { totalCount nodes { state } }"
            + " loans(first: 5) { totalCount nodes { state } } } }";
    private static final String USER = "query User($address: String!) { user(address: $address) { did"
            + " mptBalances { mptId balance } pools(first: 5) { totalCount } } }";

    @Inject
    GraphQLHttp http;
    @Inject
    Actors actors;
    @Inject
    CacheMeters meters;
    @Inject
    MutableClock clock;
    @Inject
    ApplicationService applications;

    @Test
    void createPoolShowsInTheIssuersPools() {
        Actor issuer = actors.register();
        primed(USER, Map.of("address", issuer.address()));

        actors.pool(issuer, "1000");

        assertEquals(1, post(USER, Map.of("address", issuer.address())).graphql().<Integer>data("user.pools.totalCount"));
    }

    @Test
    void theLifecycleShowsAtEachStep() {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "5000");
        Map<String, Object> variables = Map.of("address", pool);
        primed(POOL, variables);

        String application = actors.apply(borrower, pool, "1000");
        assertEquals(List.of("PENDING"), states(post(POOL, variables), "pool.applications.nodes"));
        primed(POOL, variables);

        String loan = actors.approve(issuer, application);
        Reply approved = post(POOL, variables);
        assertEquals("4000.000000", approved.graphql().data("pool.currentBalance"));
        assertEquals(List.of("ONGOING"), states(approved, "pool.loans.nodes"));
        primed(POOL, variables);

        mutation("mutation($loan: String!) { repayLoan(input: {loanAddress: $loan}) { loan { state } } }",
                Map.of("loan", loan), borrower.apiKey());
        Reply repaid = post(POOL, variables);
        assertEquals("5000.000000", repaid.graphql().data("pool.currentBalance"));
        assertEquals(List.of("PAID"), states(repaid, "pool.loans.nodes"));
    }

    @Test
    void rejectingShowsTheRejection() {
        Actor issuer = actors.register();
        String pool = actors.pool(issuer, "5000");
        String application = actors.apply(actors.register(), pool, "1000");
        primed(POOL, Map.of("address", pool));

        mutation("mutation($a: String!) { rejectApplication(input: {applicationAddress: $a}) { application { state } } }",
                Map.of("a", application), issuer.apiKey());

        assertEquals(List.of("REJECTED"), states(post(POOL, Map.of("address", pool)), "pool.applications.nodes"));
    }

    @Test
    void markingALoanDefaultedShowsTheDefault() {
        Actor issuer = actors.register();
        String pool = actors.pool(issuer, "5000");
        String loan = actors.approve(issuer, actors.apply(actors.register(), pool, "1000"));
        clock.advance(Duration.ofDays(31));
        primed(POOL, Map.of("address", pool));

        mutation("mutation($l: String!) { markLoanDefaulted(input: {loanAddress: $l}) { loan { state } } }",
                Map.of("l", loan), issuer.apiKey());

        assertEquals(List.of("DEFAULTED"), states(post(POOL, Map.of("address", pool)), "pool.loans.nodes"));
    }

    @Test
    void aBalanceSyncShowsTheBalance() {
        Actor holder = actors.register();
        primed(USER, Map.of("address", holder.address()));

        mutation("mutation($u: String!) { updateMptBalance(input: {userAddress: $u, mptId: \"MPT1\", balance: \"7\"})"
                + " { mptBalance { balance } } }", Map.of("u", holder.address()), Actors.ADMIN_KEY);

        List<Map<String, Object>> balances = post(USER, Map.of("address", holder.address())).graphql()
                .data("user.mptBalances");
        assertEquals(List.of(Map.of("mptId", "MPT1", "balance", "7.000000")), balances);
    }

    @Test
    void registeringAUserShowsInTheUserList() {
        String count = "query Users { users { totalCount } }";
        int before = primed(count, Map.of()).graphql().<Integer>data("users.totalCount");

        actors.register();

        assertEquals(before + 1, post(count, Map.of()).graphql().<Integer>data("users.totalCount"));
    }

    @Test
    void anErasedUsersDidIsGoneFromEveryCachedAnswerAtOnce() {
        String address = Fixtures.newAddress();
        String did = "did:web:cached-" + System.nanoTime() + ".example";
        mutation("mutation($a: String!, $d: String) { registerUser(input: {address: $a, did: $d}) { user { address } } }",
                Map.of("a", address, "d", did), null);
        Actor issuer = actors.register();
        String pool = actors.pool(issuer, "5000");
        String application = actors.apply(new Actor(address, signIn(address), null), pool, "500");
        // Erasure waits for no PENDING application: the borrower stays named in the pool's list.
        mutation("mutation($a: String!) { rejectApplication(input: {applicationAddress: $a}) { application { state } } }",
                Map.of("a", application), issuer.apiKey());
        String byPool = "query Borrowers($p: String!) { pool(address: $p) { applications { nodes { borrower { did } } } } }";
        String byDid = "query ByDid($d: String) { users(filter: {did: $d}) { totalCount } }";
        primed(USER, Map.of("address", address));
        primed(byPool, Map.of("p", pool));
        primed(byDid, Map.of("d", did));

        Reply erased = mutation("mutation($a: String!) { eraseUser(input: {address: $a}) { address } }",
                Map.of("a", address), Actors.ADMIN_KEY);
        assertEquals(address, erased.graphql().data("eraseUser.address"));

        assertNull(post(USER, Map.of("address", address)).graphql().data("user.did"));
        List<Map<String, Object>> borrowers = post(byPool, Map.of("p", pool)).graphql().data("pool.applications.nodes");
        assertNull(((Map<?, ?>) borrowers.get(0).get("borrower")).get("did"));
        assertEquals(0, post(byDid, Map.of("d", did)).graphql().<Integer>data("users.totalCount"));
    }

    @Test
    void theExpiryJobShowsTheExpiry() {
        Actor issuer = actors.register();
        String pool = actors.pool(issuer, "5000");
        actors.apply(actors.register(), pool, "1000");
        clock.advance(Duration.ofDays(31));
        primed(POOL, Map.of("address", pool));
        double notices = meters.invalidations("applications");

        applications.expirePending().block();
        meters.awaitInvalidation("applications", notices);

        assertEquals(List.of("EXPIRED"), states(post(POOL, Map.of("address", pool)), "pool.applications.nodes"));
    }

    @Test
    void aWriteFromOutsideTheServiceShowsOnceItsNoticeIsHeard() throws SQLException {
        String pool = actors.pool(actors.register(), "5000");
        primed(POOL, Map.of("address", pool));
        double notices = meters.invalidations("pools");

        execute("UPDATE pools SET current_balance = 1234 WHERE pool_address = '" + pool + "'");
        meters.awaitInvalidation("pools", notices);

        assertEquals("1234.000000", post(POOL, Map.of("address", pool)).graphql().data("pool.currentBalance"));
    }

    @Test
    void aRolledBackWriteKeepsTheEntry() throws SQLException {
        Actor issuer = actors.register();
        String pool = actors.pool(issuer, "5000");
        String big = actors.apply(actors.register(), pool, "3000");
        String bigger = actors.apply(actors.register(), pool, "2500");
        actors.approve(issuer, big);
        primed(POOL, Map.of("address", pool));
        double userNotices = meters.invalidations("users");

        // Refused for lack of liquidity: the conditional UPDATE ran, the transaction rolled back.
        Reply refused = mutation("mutation($a: String!) { approveApplication(input: {applicationAddress: $a})"
                + " { loan { address } } }", Map.of("a", bigger), issuer.apiKey());
        refused.graphql().singleError("CONFLICT", "INSUFFICIENT_POOL_BALANCE");
        try (Connection connection = TestDatabase.connect(database())) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("UPDATE pools SET current_balance = 1 WHERE pool_address = '" + pool + "'");
            }
            connection.rollback();
        }
        // Notices arrive in commit order: once this later write's is heard, the others would have been.
        execute("UPDATE users SET updated_at = updated_at WHERE address = '" + issuer.address() + "'");
        meters.awaitInvalidation("users", userNotices);

        Reply kept = post(POOL, Map.of("address", pool));
        assertEquals("HIT", kept.header("X-Cache"));
        assertEquals("2000.000000", kept.graphql().data("pool.currentBalance"));
    }

    private Reply primed(String query, Map<String, Object> variables) {
        post(query, variables);
        Reply hit = post(query, variables);
        assertEquals("HIT", hit.header("X-Cache"), hit::toString);
        return hit;
    }

    private Reply post(String query, Map<String, Object> variables) {
        Reply reply = http.post(query, variables, null, MediaType.APPLICATION_JSON);
        assertTrue(reply.graphql().errors().isEmpty(), reply::toString);
        return reply;
    }

    private Reply mutation(String document, Map<String, Object> variables, String apiKey) {
        return http.post(document, variables, apiKey, MediaType.APPLICATION_JSON);
    }

    private String signIn(String address) {
        return mutation("mutation($a: String!) { createApiKey(input: {userAddress: $a}) { apiKey } }",
                Map.of("a", address), Actors.ADMIN_KEY).graphql().data("createApiKey.apiKey");
    }

    private static List<Object> states(Reply reply, String path) {
        List<Map<String, Object>> nodes = reply.graphql().data(path);
        return nodes.stream().map(node -> node.get("state")).toList();
    }

}
