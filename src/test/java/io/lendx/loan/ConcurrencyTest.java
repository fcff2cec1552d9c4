package io.lendx.loan;

import io.lendx.support.Actors;
import io.lendx.support.Actors.Actor;
import io.lendx.support.DatabaseTest;
import io.lendx.support.GraphQLClient;
import io.lendx.support.GraphQLResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static io.lendx.support.Actors.input;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Invariants under concurrency: a pool is never over-lent, and a state changes at most once. */
@MicronautTest(transactional = false)
class ConcurrencyTest extends DatabaseTest {

    private static final int APPLICANTS = 30;
    private static final int FUNDABLE = 10;

    @Inject
    GraphQLClient graphql;
    @Inject
    Actors actors;

    @Test
    void thirtyConcurrentApprovalsOnAPoolThatCanFundTenOpenExactlyTenLoans() throws Exception {
        Actor issuer = actors.register();
        String pool = actors.pool(issuer, "10000");
        List<String> applications = new ArrayList<>();
        for (int i = 0; i < APPLICANTS; i++) {
            applications.add(actors.apply(actors.register(), pool, "1000"));
        }

        List<GraphQLResponse> responses = race(applications.stream()
                .map(application -> (Supplier<GraphQLResponse>) () -> graphql.mutation("loan/ApproveApplication",
                        input("applicationAddress", application), issuer.apiKey()))
                .toList());

        Map<String, Long> outcomes = responses.stream().collect(Collectors.groupingBy(ConcurrencyTest::outcome,
                Collectors.counting()));
        assertEquals(Map.of("OK", (long) FUNDABLE, "CONFLICT/INSUFFICIENT_POOL_BALANCE", (long) APPLICANTS - FUNDABLE),
                outcomes);
        GraphQLResponse after = graphql.operation("pool/GetPool", Map.of("address", pool));
        assertEquals("0.000000", after.data("pool.currentBalance"));
        assertEquals(FUNDABLE, (int) after.data("pool.loans.totalCount"));
        GraphQLResponse pending = graphql.operation("pool/GetPool", Map.of("address", pool,
                "applicationState", "PENDING"));
        assertEquals(APPLICANTS - FUNDABLE, (int) pending.data("pool.applications.totalCount"));
    }

    @Test
    void aConcurrentDoubleApprovalSucceedsOnce() throws Exception {
        Actor issuer = actors.register();
        String pool = actors.pool(issuer, "10000");
        String application = actors.apply(actors.register(), pool, "1000");

        List<GraphQLResponse> responses = race(List.of(
                () -> graphql.mutation("loan/ApproveApplication", input("applicationAddress", application),
                        issuer.apiKey()),
                () -> graphql.mutation("loan/ApproveApplication", input("applicationAddress", application),
                        issuer.apiKey())));

        assertEquals(List.of("CONFLICT/INVALID_STATE_TRANSITION", "OK"),
                responses.stream().map(ConcurrencyTest::outcome).sorted().toList());
        GraphQLResponse after = graphql.operation("pool/GetPool", Map.of("address", pool));
        assertEquals("9000.000000", after.data("pool.currentBalance"));
        assertEquals(1, (int) after.data("pool.loans.totalCount"));
    }

    @Test
    void aConcurrentDoubleRepaymentSucceedsOnce() throws Exception {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "10000");
        String loan = actors.approve(issuer, actors.apply(borrower, pool, "1000"));

        List<GraphQLResponse> responses = race(List.of(
                () -> graphql.mutation("loan/RepayLoan", input("loanAddress", loan), borrower.apiKey()),
                () -> graphql.mutation("loan/RepayLoan", input("loanAddress", loan), borrower.apiKey())));

        assertEquals(List.of("CONFLICT/INVALID_STATE_TRANSITION", "OK"),
                responses.stream().map(ConcurrencyTest::outcome).sorted().toList());
        GraphQLResponse after = graphql.operation("pool/GetPool", Map.of("address", pool));
        assertEquals("10000.000000", after.data("pool.currentBalance"));
        assertEquals("6.000000", after.data("pool.interestEarned"));
    }

    /** Starts every call at once, from its own thread, and waits for all of them. */
    private static List<GraphQLResponse> race(List<Supplier<GraphQLResponse>> calls) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<GraphQLResponse>> futures = new ArrayList<>();
            for (Supplier<GraphQLResponse> call : calls) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return call.get();
                }));
            }
            start.countDown();
            List<GraphQLResponse> responses = new ArrayList<>();
            for (Future<GraphQLResponse> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            threads.shutdownNow();
        }
    }

    private static String outcome(GraphQLResponse response) {
        if (response.errors().isEmpty()) {
            return "OK";
        }
        Map<?, ?> extensions = (Map<?, ?>) response.errors().get(0).get("extensions");
        return extensions.get("code") + "/" + extensions.get("reason");
    }
}
