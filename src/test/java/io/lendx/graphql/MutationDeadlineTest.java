package io.lendx.graphql;

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
import java.util.concurrent.TimeUnit;

import static io.lendx.support.Actors.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A mutation that cannot finish in its request's time (1.5 s here) is cut off at that deadline:
 * it answers a coded TIMEOUT, its transaction is rolled back, and a retry with the same
 * idempotency key runs it. The mutations wait on a row lock the test holds on their pool; the
 * 5 s statement timeout would end that wait only later, so the deadline is what ends it.
 */
@MicronautTest(transactional = false)
class MutationDeadlineTest extends DatabaseTest {

    private static final long TIMEOUT_MILLIS = 1500;
    /** The deadline, the refusal's audit row (at most 2 s) and slack for a loaded CI machine. */
    private static final long BOUND_MILLIS = TIMEOUT_MILLIS + 2000 + 1500;
    private static final int APPROVALS = 12;

    @Inject
    GraphQLClient graphql;
    @Inject
    Actors actors;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("lendx.graphql.request-timeout", TIMEOUT_MILLIS + "ms");
        return properties;
    }

    @Test
    void approvalsWaitingOnALockedPoolEndAtTheDeadlineRolledBackAndTheirKeysRunThemLater() throws Exception {
        Actor issuer = actors.register();
        String pool = actors.pool(issuer, "10000");
        List<String> applications = new ArrayList<>();
        for (int i = 0; i < APPROVALS; i++) {
            applications.add(actors.apply(actors.register(), pool, "100"));
        }

        List<Timed> attempts = whileHolding("SELECT 1 FROM pools WHERE pool_address = ? FOR UPDATE",
                () -> race(applications, issuer), pool);

        for (Timed attempt : attempts) {
            Map<?, ?> extensions = (Map<?, ?>) attempt.response().singleError("INTERNAL_SERVER_ERROR").get("extensions");
            assertEquals("TIMEOUT", extensions.get("reason"), attempt::toString);
            // Cut off in its transaction, or before it ran when its key could not be checked in time.
            String message = (String) attempt.response().errors().get(0).get("message");
            assertTrue(message.startsWith("The mutation did not finish within " + TIMEOUT_MILLIS + " ms")
                    || message.equals("The request took longer than " + TIMEOUT_MILLIS + " ms and was cancelled"),
                    message);
            assertTrue(attempt.millis() >= TIMEOUT_MILLIS - 100 && attempt.millis() < BOUND_MILLIS,
                    () -> "answered after " + attempt.millis() + " ms: " + attempt);
        }

        // Retried with their keys once the lock is gone, each runs now: nothing had committed.
        for (String application : applications) {
            GraphQLResponse retry = graphql.mutation("loan/ApproveApplication", approval(application), issuer.apiKey());
            assertEquals("ONGOING", retry.data("approveApplication.loan.state"));
        }
        GraphQLResponse after = graphql.operation("pool/GetPool", Map.of("address", pool));
        assertEquals("8800.000000", after.data("pool.currentBalance"));
        assertEquals(APPROVALS, (int) after.data("pool.loans.totalCount"));
        assertEquals(0, count("SELECT count(*) FROM audit_events WHERE action = 'approveApplication'"
                + " AND outcome = 'REPLAY' AND target = ANY(?)", (Object) applications.toArray(String[]::new)));
        // This class has a database of its own: these are the cut-off attempts.
        assertEquals(APPROVALS, count("SELECT count(*) FROM audit_events WHERE action = 'approveApplication'"
                + " AND outcome = 'FAILURE' AND error_code = 'INTERNAL_SERVER_ERROR'"), "each cut-off attempt is audited");
    }

    private List<Timed> race(List<String> applications, Actor issuer) {
        ExecutorService clients = Executors.newFixedThreadPool(applications.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Timed>> pending = new ArrayList<>();
            for (String application : applications) {
                pending.add(clients.submit(() -> {
                    start.await();
                    long started = System.nanoTime();
                    GraphQLResponse response = graphql.mutation("loan/ApproveApplication", approval(application),
                            issuer.apiKey());
                    return new Timed(application, (System.nanoTime() - started) / 1_000_000, response);
                }));
            }
            start.countDown();
            List<Timed> attempts = new ArrayList<>();
            for (Future<Timed> attempt : pending) {
                attempts.add(attempt.get(30, TimeUnit.SECONDS));
            }
            return attempts;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            clients.shutdownNow();
        }
    }

    private static Map<String, Object> approval(String application) {
        return input("applicationAddress", application, "idempotencyKey", "approve-" + application);
    }

    private record Timed(String application, long millis, GraphQLResponse response) {
    }
}
