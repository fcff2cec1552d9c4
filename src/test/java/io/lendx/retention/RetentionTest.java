package io.lendx.retention;

import io.lendx.jobs.Job;
import io.lendx.support.Actors;
import io.lendx.support.Actors.Actor;
import io.lendx.support.DatabaseTest;
import io.lendx.support.GraphQLClient;
import io.lendx.support.MutableClock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.lendx.support.Actors.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The retention job removes exactly what is due: rows past their retention go, younger ones stay,
 * audit rows only past LENDX_RETENTION_AUDIT (30 days here), and only one run works at a time.
 */
@MicronautTest(transactional = false)
class RetentionTest extends DatabaseTest {

    @Inject
    Retention retention;
    @Inject
    MutableClock clock;
    @Inject
    Actors actors;
    @Inject
    GraphQLClient graphql;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("lendx.retention.audit", "30d");
        return properties;
    }

    @Test
    void rowsPastTheirRetentionGoAndYoungerOnesStay() {
        Actor lender = actors.register();
        String oldPool = createPool(lender, "old-pool");
        graphql.mutation("auth/CreateApiKey", input("expiresInDays", 1), lender.apiKey());
        String spentChallenge = actors.challenge(lender.address());
        clock.advance(Duration.ofDays(92));
        Actor later = actors.register();
        String freshPool = createPool(later, "fresh-pool");
        long oldAudit = count("SELECT count(*) FROM audit_events WHERE occurred_at < ?",
                java.sql.Timestamp.from(clock.instant().minus(Duration.ofDays(30))));
        assertTrue(oldAudit > 0, "the setup left audit rows older than 30 days");

        Map<String, Long> deleted = retention.run().block();

        assertEquals(0L, count("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = 'old-pool'"));
        assertEquals(1L, count("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = 'fresh-pool'"));
        assertEquals(0L, count("SELECT count(*) FROM sign_in_challenges WHERE address = ?", lender.address()),
                "used (the registration's) and expired (" + spentChallenge.length() + " chars) challenges go");
        assertEquals(0L, count("SELECT count(*) FROM api_keys WHERE user_address = ? AND expires_at < ?",
                lender.address(), java.sql.Timestamp.from(clock.instant().minus(Duration.ofDays(90)))));
        assertEquals(0L, count("SELECT count(*) FROM audit_events WHERE occurred_at < ?",
                java.sql.Timestamp.from(clock.instant().minus(Duration.ofDays(30)))));
        assertTrue(count("SELECT count(*) FROM audit_events WHERE target = ?", freshPool) > 0, "recent audit rows stay");
        assertTrue(deleted.get("idempotency_records") >= 1 && deleted.get("expired_api_keys") >= 1
                && deleted.get("audit_events") >= oldAudit, deleted::toString);
        assertTrue(count("SELECT count(*) FROM pools WHERE pool_address = ?", oldPool) == 1, "business data stays");
    }

    @Test
    void auditRowsStillCannotBeDeletedAnyOtherWay() {
        actors.register();
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> count("WITH gone AS (DELETE FROM audit_events RETURNING 1) SELECT count(*) FROM gone"));
        assertTrue(String.valueOf(refused.getCause()).contains("append-only"), refused::toString);
    }

    @Test
    void anotherInstancesRunMakesThisOneSkip() {
        Map<String, Long> deleted = whileHolding("SELECT pg_advisory_xact_lock(" + Job.RETENTION.lockKey() + ")",
                () -> retention.run().block());

        assertTrue(deleted == null || deleted.isEmpty(), () -> "ran while the lock was taken: " + deleted);
    }

    private String createPool(Actor issuer, String idempotencyKey) {
        return graphql.mutation("pool/CreatePool", Map.of("totalBalance", "1000", "minimumLoan", "100",
                        "durationDays", 30, "interestRate", "5", "idempotencyKey", idempotencyKey), issuer.apiKey())
                .data("createPool.pool.address");
    }
}
