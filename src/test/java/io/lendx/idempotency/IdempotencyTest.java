package io.lendx.idempotency;

import io.lendx.support.Actors;
import io.lendx.support.Actors.Actor;
import io.lendx.support.DatabaseTest;
import io.lendx.support.Fixtures;
import io.lendx.support.GraphQLClient;
import io.lendx.support.GraphQLResponse;
import io.lendx.support.MutableClock;
import io.lendx.support.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.lendx.support.GraphQLResponse.reason;
import static io.lendx.support.Actors.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class IdempotencyTest extends DatabaseTest {

    private static final int CONCURRENT_CALLS = 8;
    /**
     * Idempotency.once claims the key (INSERT) and records the outcome (UPDATE) through
     * R2dbcOperations.withConnection, which takes a fresh auto-committed connection instead of the
     * mutation's transaction: a failed attempt leaves a claimed key with an empty result behind,
     * and a concurrent retry can read that empty result before the first request completes.
     */
    @Inject
    GraphQLClient graphql;
    @Inject
    Actors actors;
    @Inject
    MutableClock clock;

    // ---- createPool ----

    @Test
    void aRetryWithTheSameKeyReturnsTheFirstPoolAndCreatesNoOther() throws SQLException {
        Actor issuer = actors.register();
        String key = newKey();
        Instant firstAt = clock.instant();

        GraphQLResponse first = graphql.mutation("pool/CreatePool", poolInput(key), issuer.apiKey());
        clock.advance(Duration.ofMinutes(1));
        GraphQLResponse retry = graphql.mutation("pool/CreatePool", poolInput(key), issuer.apiKey());

        String address = first.data("createPool.pool.address");
        assertEquals(address, retry.data("createPool.pool.address"));
        assertEquals(first.<Map<String, Object>>data("createPool.pool"), retry.data("createPool.pool"));
        assertEquals(firstAt, Instant.parse(retry.data("createPool.pool.createdAt")));
        assertEquals(1, poolsOf(issuer));
        assertEquals(1, poolRows(issuer));
        assertEquals(1, keyRows(issuer.address(), key));
    }

    @Test
    void theKeyIsRecordedInTheDatabaseSoItSurvivesARestart() throws SQLException {
        Actor issuer = actors.register();
        String key = newKey();
        Instant now = clock.instant();
        String address = graphql.mutation("pool/CreatePool", poolInput(key), issuer.apiKey())
                .data("createPool.pool.address");

        try (Connection connection = TestDatabase.connect(database());
             PreparedStatement select = connection.prepareStatement("SELECT operation, request_hash, result,"
                     + " created_at FROM idempotency_keys WHERE caller = ? AND idempotency_key = ?")) {
            select.setString(1, issuer.address());
            select.setString(2, key);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "No idempotency_keys row for the key");
                assertEquals("createPool", row.getString("operation"));
                assertTrue(row.getString("request_hash").matches("[0-9a-f]{64}"), row.getString("request_hash"));
                assertTrue(row.getString("result").contains(address), row.getString("result"));
                assertEquals(now, row.getTimestamp("created_at").toInstant());
            }
        }
    }

    @Test
    void theSameKeyForADifferentRequestIsAConflict() throws SQLException {
        Actor issuer = actors.register();
        String key = newKey();
        String address = graphql.mutation("pool/CreatePool", poolInput(key), issuer.apiKey())
                .data("createPool.pool.address");

        Map<String, Object> different = poolInput(key);
        different.put("totalBalance", "5001");
        Map<String, Object> error = graphql.mutation("pool/CreatePool", different, issuer.apiKey())
                .singleError("CONFLICT");
        assertEquals("IDEMPOTENCY_KEY_REUSED", reason(error));

        Map<String, Object> otherOperation = graphql.mutation("application/SubmitApplication",
                input("poolAddress", actors.pool(actors.register(), "5000"), "principal", "500",
                        "idempotencyKey", key), issuer.apiKey()).singleError("CONFLICT");
        assertEquals("IDEMPOTENCY_KEY_REUSED", reason(otherOperation));

        assertEquals(1, poolsOf(issuer));
        assertEquals(0, (int) graphql.operation("user/GetUser", Map.of("address", issuer.address()))
                .data("user.applications.totalCount"));
        assertEquals("5000.000000", graphql.operation("pool/GetPool", Map.of("address", address))
                .data("pool.totalBalance"));
        // The first request can still be replayed.
        assertEquals(address, graphql.mutation("pool/CreatePool", poolInput(key), issuer.apiKey())
                .data("createPool.pool.address"));
    }

    @Test
    void keysBelongToTheirCaller() throws SQLException {
        Actor alice = actors.register();
        Actor bob = actors.register();
        String key = newKey();

        String alicePool = graphql.mutation("pool/CreatePool", poolInput(key), alice.apiKey())
                .data("createPool.pool.address");
        GraphQLResponse bobs = graphql.mutation("pool/CreatePool", poolInput(key), bob.apiKey());

        assertNotEquals(alicePool, bobs.data("createPool.pool.address"));
        assertEquals(bob.address(), bobs.data("createPool.pool.issuer.address"));
        assertEquals(1, poolsOf(alice));
        assertEquals(1, poolsOf(bob));
        assertEquals(1, keyRows(alice.address(), key));
        assertEquals(1, keyRows(bob.address(), key));
    }

    @Test
    void aFailedAttemptDoesNotUseUpTheKey() throws SQLException {
        Actor issuer = actors.register();
        String taken = actors.pool(actors.register(), "5000");
        String key = newKey();

        Map<String, Object> clash = poolInput(key);
        clash.put("poolAddress", taken);
        Map<String, Object> error = graphql.mutation("pool/CreatePool", clash, issuer.apiKey()).singleError("CONFLICT");
        assertEquals("DUPLICATE", reason(error));
        // The same failing request fails again for its own reason, not as a replay of a half-recorded key.
        assertEquals("DUPLICATE", reason(graphql.mutation("pool/CreatePool", clash, issuer.apiKey())
                .singleError("CONFLICT")));

        Map<String, Object> fixed = poolInput(key);
        fixed.put("poolAddress", "Fixed" + Fixtures.newObjectId().substring(0, 20));
        String address = graphql.mutation("pool/CreatePool", fixed, issuer.apiKey()).data("createPool.pool.address");
        assertEquals(fixed.get("poolAddress"), address);
        assertEquals(address, graphql.mutation("pool/CreatePool", fixed, issuer.apiKey())
                .data("createPool.pool.address"));
        assertEquals(1, poolsOf(issuer));
        assertEquals(1, keyRows(issuer.address(), key));
    }

    @Test
    void aRefusedCallLeavesNoIdempotencyRecord() throws SQLException {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String application = actors.apply(borrower, actors.pool(issuer, "5000"), "1000");
        String key = newKey();

        graphql.mutation("loan/ApproveApplication", input("applicationAddress", application, "idempotencyKey", key),
                borrower.apiKey()).singleError("FORBIDDEN");

        assertEquals(0, keyRows(borrower.address(), key));
    }

    @Test
    void invalidInputDoesNotUseUpTheKey() {
        Actor issuer = actors.register();
        String key = newKey();
        Map<String, Object> bad = poolInput(key);
        bad.put("durationDays", 0);
        graphql.mutation("pool/CreatePool", bad, issuer.apiKey()).singleError("BAD_USER_INPUT");

        graphql.mutation("pool/CreatePool", poolInput(key), issuer.apiKey()).data("createPool.pool.address");
        assertEquals(1, poolsOf(issuer));
    }

    @Test
    void blankOrOverlongKeysAreBadInput() {
        Actor issuer = actors.register();
        for (String key : List.of("", " ", "k".repeat(256))) {
            graphql.mutation("pool/CreatePool", poolInput(key), issuer.apiKey()).singleError("BAD_USER_INPUT");
        }
        assertEquals(0, poolsOf(issuer));
        String longest = "k".repeat(255);
        String address = graphql.mutation("pool/CreatePool", poolInput(longest), issuer.apiKey())
                .data("createPool.pool.address");
        assertEquals(address, graphql.mutation("pool/CreatePool", poolInput(longest), issuer.apiKey())
                .data("createPool.pool.address"));
        assertEquals(1, poolsOf(issuer));
    }

    @Test
    void concurrentRetriesWithOneKeyNeverCreateASecondPool() throws Exception {
        Actor issuer = actors.register();
        String key = newKey();

        List<GraphQLResponse> responses = concurrently(() -> graphql.mutation("pool/CreatePool", poolInput(key),
                issuer.apiKey()));

        Set<String> addresses = responses.stream().filter(r -> r.errors().isEmpty())
                .map(r -> r.<String>data("createPool.pool.address")).collect(Collectors.toSet());
        assertEquals(1, addresses.size(), responses::toString);
        assertEquals(1, poolRows(issuer));
        assertEquals(1, poolsOf(issuer));
        assertEquals(1, keyRows(issuer.address(), key));
    }

    /** Several rounds, because whether a retry overtakes the first request is a matter of timing. */
    @Test
    void concurrentRetriesWithOneKeyAllGetTheFirstPool() throws Exception {
        for (int round = 0; round < 5; round++) {
            Actor issuer = actors.register();
            String key = newKey();

            List<GraphQLResponse> responses = concurrently(() -> graphql.mutation("pool/CreatePool", poolInput(key),
                    issuer.apiKey()));

            Set<String> addresses = responses.stream().map(r -> r.<String>data("createPool.pool.address"))
                    .collect(Collectors.toSet());
            assertEquals(1, addresses.size(), addresses::toString);
            assertEquals(1, poolRows(issuer));
            assertEquals(1, keyRows(issuer.address(), key));
        }
    }

    @Test
    void concurrentCreatesOfOneAddressWithoutKeysYieldOnePoolAndDuplicates() throws Exception {
        Actor issuer = actors.register();
        String address = "Race" + Fixtures.newObjectId().substring(0, 20);
        Map<String, Object> input = poolInput(null);
        input.put("poolAddress", address);

        List<GraphQLResponse> responses = concurrently(() -> graphql.mutation("pool/CreatePool", input,
                issuer.apiKey()));

        long created = responses.stream().filter(r -> r.errors().isEmpty()).count();
        assertEquals(1, created, responses::toString);
        for (GraphQLResponse response : responses) {
            if (!response.errors().isEmpty()) {
                assertEquals("DUPLICATE", reason(response.singleError("CONFLICT")));
            }
        }
        assertEquals(1, poolRows(issuer));
    }

    // ---- the lending lifecycle ----

    @Test
    void aRetriedSubmissionReturnsTheFirstApplication() {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "5000");
        String key = newKey();
        Map<String, Object> input = input("poolAddress", pool, "principal", "700", "idempotencyKey", key);

        String first = graphql.mutation("application/SubmitApplication", input, borrower.apiKey())
                .data("submitApplication.application.address");
        clock.advance(Duration.ofSeconds(30));
        GraphQLResponse retry = graphql.mutation("application/SubmitApplication", input, borrower.apiKey());

        assertEquals(first, retry.data("submitApplication.application.address"));
        assertEquals("PENDING", retry.data("submitApplication.application.state"));
        assertEquals(1, (int) graphql.operation("pool/GetPool", Map.of("address", pool))
                .data("pool.applications.totalCount"));
        assertEquals(1, (int) graphql.operation("user/GetUser", Map.of("address", borrower.address()))
                .data("user.applications.totalCount"));
    }

    @Test
    void aRetriedApprovalReturnsTheFirstLoanAndTakesTheLiquidityOnce() {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "5000");
        String application = actors.apply(borrower, pool, "1000");
        Map<String, Object> input = input("applicationAddress", application, "idempotencyKey", newKey());

        GraphQLResponse first = graphql.mutation("loan/ApproveApplication", input, issuer.apiKey());
        GraphQLResponse retry = graphql.mutation("loan/ApproveApplication", input, issuer.apiKey());

        String loan = first.data("approveApplication.loan.address");
        assertEquals("4000.000000", first.data("approveApplication.loan.pool.currentBalance"));
        assertEquals(loan, retry.data("approveApplication.loan.address"));
        assertEquals(application, retry.data("approveApplication.application.address"));
        assertEquals("APPROVED", retry.data("approveApplication.application.state"));
        assertEquals("ONGOING", retry.data("approveApplication.loan.state"));
        assertEquals("4000.000000", retry.data("approveApplication.loan.pool.currentBalance"));
        GraphQLResponse stored = graphql.operation("pool/GetPool", Map.of("address", pool));
        assertEquals("4000.000000", stored.data("pool.currentBalance"));
        assertEquals(1, (int) stored.data("pool.loans.totalCount"));

        // Without the key, a second approval is a new request, and the application is no longer PENDING.
        Map<String, Object> error = graphql.mutation("loan/ApproveApplication",
                input("applicationAddress", application), issuer.apiKey()).singleError("CONFLICT");
        assertEquals("INVALID_STATE_TRANSITION", reason(error));
        assertEquals("4000.000000", graphql.operation("pool/GetPool", Map.of("address", pool))
                .data("pool.currentBalance"));
    }

    @Test
    void aRetriedRejectionReturnsTheRejectedApplication() {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "5000");
        String application = actors.apply(borrower, pool, "1000");
        Map<String, Object> input = input("applicationAddress", application, "idempotencyKey", newKey());

        graphql.mutation("application/RejectApplication", input, issuer.apiKey())
                .data("rejectApplication.application.state");
        GraphQLResponse retry = graphql.mutation("application/RejectApplication", input, issuer.apiKey());

        assertEquals(application, retry.data("rejectApplication.application.address"));
        assertEquals("REJECTED", retry.data("rejectApplication.application.state"));
    }

    @Test
    void aRetriedRepaymentReturnsTheMoneyToThePoolOnce() {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "5000");
        String loan = actors.approve(issuer, actors.apply(borrower, pool, "1000"));
        Map<String, Object> input = input("loanAddress", loan, "idempotencyKey", newKey());

        GraphQLResponse first = graphql.mutation("loan/RepayLoan", input, borrower.apiKey());
        GraphQLResponse retry = graphql.mutation("loan/RepayLoan", input, borrower.apiKey());

        // 1000 × 7.3% × 30/365 = 6.000000
        assertEquals("5000.000000", first.data("repayLoan.loan.pool.currentBalance"));
        assertEquals("6.000000", first.data("repayLoan.loan.pool.interestEarned"));
        assertEquals("PAID", retry.data("repayLoan.loan.state"));
        assertEquals("5000.000000", retry.data("repayLoan.loan.pool.currentBalance"));
        assertEquals("6.000000", retry.data("repayLoan.loan.pool.interestEarned"));
    }

    @Test
    void aReplayedBalanceUpdateDoesNotOverwriteALaterOne() {
        Actor holder = actors.register();
        String mptId = Fixtures.newObjectId();
        Map<String, Object> first = input("userAddress", holder.address(), "mptId", mptId, "balance", "10",
                "idempotencyKey", newKey());

        graphql.mutation("balance/UpdateMptBalance", first, Actors.ADMIN_KEY).data("updateMptBalance.mptBalance");
        graphql.mutation("balance/UpdateMptBalance", input("userAddress", holder.address(), "mptId", mptId,
                "balance", "20"), Actors.ADMIN_KEY).data("updateMptBalance.mptBalance");
        GraphQLResponse replay = graphql.mutation("balance/UpdateMptBalance", first, Actors.ADMIN_KEY);

        assertNotNull(replay.data("updateMptBalance.mptBalance"));
        List<Map<String, Object>> balances = graphql.operation("user/GetUser", Map.of("address", holder.address()))
                .data("user.mptBalances");
        assertEquals(1, balances.size());
        assertEquals("20.000000", balances.get(0).get("balance"));
    }

    @Test
    void aMutationWithoutAKeyRecordsNothing() throws SQLException {
        Actor issuer = actors.register();
        actors.pool(issuer, "5000");
        assertEquals(0, count("SELECT count(*) FROM idempotency_keys WHERE caller = ?", issuer.address()));
    }

    private List<GraphQLResponse> concurrently(java.util.function.Supplier<GraphQLResponse> call) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(CONCURRENT_CALLS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<GraphQLResponse>> calls = new ArrayList<>();
            for (int i = 0; i < CONCURRENT_CALLS; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    return call.get();
                }, executor));
            }
            start.countDown();
            List<GraphQLResponse> responses = new ArrayList<>();
            for (CompletableFuture<GraphQLResponse> future : calls) {
                responses.add(future.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            executor.shutdownNow();
        }
    }

    private static Map<String, Object> poolInput(String key) {
        return input("totalBalance", "5000", "minimumLoan", "100", "durationDays", 30, "interestRate", "7.3",
                "idempotencyKey", key);
    }

    private static String newKey() {
        return "key-" + UUID.randomUUID();
    }


    private int poolsOf(Actor issuer) {
        return graphql.operation("pool/ListPools", Map.of("filter", Map.of("issuerAddress", issuer.address())))
                .data("pools.totalCount");
    }

    private int poolRows(Actor issuer) throws SQLException {
        return Math.toIntExact(count("SELECT count(*) FROM pools WHERE issuer_address = ?", issuer.address()));
    }

    private int keyRows(String caller, String key) throws SQLException {
        return Math.toIntExact(count("SELECT count(*) FROM idempotency_keys WHERE caller = ? AND idempotency_key = ?",
                caller, key));
    }
}
