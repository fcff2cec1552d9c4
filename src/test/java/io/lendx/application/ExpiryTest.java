package io.lendx.application;

import io.lendx.cache.ResponseCache;
import io.lendx.jobs.Job;
import io.lendx.support.Actors;
import io.lendx.support.CacheMeters;
import io.lendx.support.Actors.Actor;
import io.lendx.support.DatabaseTest;
import io.lendx.support.GraphQLClient;
import io.lendx.support.GraphQLResponse;
import io.lendx.support.MutableClock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.lendx.support.GraphQLResponse.reason;
import static io.lendx.support.Actors.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The expiry job, run by hand against the movable clock. Tests in this class share one clock
 * and one database, so each first expires whatever earlier tests left past due.
 */
@MicronautTest(transactional = false)
class ExpiryTest extends DatabaseTest {

    @Inject
    GraphQLClient graphql;
    @Inject
    Actors actors;
    @Inject
    MutableClock clock;
    @Inject
    ApplicationService applicationService;
    @Inject
    ResponseCache cache;
    @Inject
    CacheMeters meters;

    @Test
    void onlyPendingApplicationsPastTheirDissolutionDateExpire() {
        expire();
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "10000");
        String soon = submit(borrower, pool, "500", Duration.ofDays(1));
        String later = submit(borrower, pool, "500", Duration.ofDays(10));
        String approved = submit(borrower, pool, "500", Duration.ofDays(1));
        String rejected = submit(borrower, pool, "500", Duration.ofDays(1));
        actors.approve(issuer, approved);
        graphql.mutation("application/RejectApplication", input("applicationAddress", rejected), issuer.apiKey())
                .data("rejectApplication.application.state");
        Instant decidedAt = clock.instant();

        clock.advance(Duration.ofDays(2));
        Instant expiredAt = clock.instant();
        assertEquals(1L, expire());

        GraphQLResponse expired = application(soon);
        assertEquals("EXPIRED", expired.data("application.state"));
        assertEquals(expiredAt, Instant.parse(expired.data("application.updatedAt")));
        assertNull(expired.data("application.loan"));
        assertEquals("PENDING", application(later).data("application.state"));
        assertEquals("APPROVED", application(approved).data("application.state"));
        assertEquals(decidedAt, Instant.parse(application(approved).data("application.updatedAt")));
        assertEquals("REJECTED", application(rejected).data("application.state"));
        assertEquals(decidedAt, Instant.parse(application(rejected).data("application.updatedAt")));
        assertEquals("9500.000000", currentBalance(pool));

        assertEquals(0L, expire());
        assertEquals("PENDING", application(later).data("application.state"));
    }

    @Test
    void aRoundWithNothingDueAnnouncesNoChange() {
        expire();
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        submit(borrower, actors.pool(issuer, "10000"), "500", Duration.ofDays(10));
        cache.heardCommittedWrites().block();
        double heard = meters.invalidations("applications");

        assertEquals(0L, expire());

        assertEquals(heard, meters.invalidations("applications"), "an expiry that changed nothing said nothing");
    }

    @Test
    void anotherInstancesRoundMakesThisOneSkipButRetentionDoesNot() {
        expire();
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "10000");
        String due = submit(borrower, pool, "500", Duration.ofDays(1));
        clock.advance(Duration.ofDays(2));

        Long skipped = whileHolding("SELECT pg_advisory_xact_lock(" + Job.APPLICATION_EXPIRY.lockKey() + ")",
                () -> applicationService.expirePending().block());
        assertNull(skipped);
        assertEquals("PENDING", application(due).data("application.state"));

        Long expired = whileHolding("SELECT pg_advisory_xact_lock(" + Job.RETENTION.lockKey() + ")", this::expire);
        assertEquals(1L, expired);
        assertEquals("EXPIRED", application(due).data("application.state"));
    }

    @Test
    void anApplicationExpiresAtExactlyItsDissolutionDate() {
        expire();
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "10000");
        String application = submit(borrower, pool, "500", Duration.ofHours(1));

        clock.advance(Duration.ofHours(1).minusNanos(1000));
        assertEquals(0L, expire());
        assertEquals("PENDING", application(application).data("application.state"));

        clock.advance(Duration.ofNanos(1000));
        assertEquals(1L, expire());
        assertEquals("EXPIRED", application(application).data("application.state"));
    }

    @Test
    void anApplicationPastItsDissolutionDateCannotBeApprovedEvenBeforeTheJobRan() {
        expire();
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "10000");
        String application = submit(borrower, pool, "2500", Duration.ofDays(1));
        clock.advance(Duration.ofDays(2));

        Map<String, Object> error = graphql.mutation("loan/ApproveApplication",
                input("applicationAddress", application), issuer.apiKey()).singleError("CONFLICT");

        assertEquals("INVALID_STATE_TRANSITION", reason(error));
        assertEquals("PENDING", application(application).data("application.state"));
        assertNull(application(application).data("application.loan"));
        assertEquals("10000.000000", currentBalance(pool));
        assertEquals(0, (int) graphql.operation("pool/GetPool", Map.of("address", pool)).data("pool.loans.totalCount"));

        assertEquals(1L, expire());
        assertEquals("EXPIRED", application(application).data("application.state"));
        Map<String, Object> afterExpiry = graphql.mutation("loan/ApproveApplication",
                input("applicationAddress", application), issuer.apiKey()).singleError("CONFLICT");
        assertEquals("INVALID_STATE_TRANSITION", reason(afterExpiry));
        Map<String, Object> rejection = graphql.mutation("application/RejectApplication",
                input("applicationAddress", application), issuer.apiKey()).singleError("CONFLICT");
        assertEquals("INVALID_STATE_TRANSITION", reason(rejection));
        assertEquals("EXPIRED", application(application).data("application.state"));
        assertEquals("10000.000000", currentBalance(pool));
    }

    @Test
    void anApplicationCanBeApprovedUntilJustBeforeItsDissolutionDate() {
        expire();
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "10000");
        String application = submit(borrower, pool, "2500", Duration.ofDays(1));
        clock.advance(Duration.ofDays(1).minusNanos(1000));

        actors.approve(issuer, application);

        assertEquals("APPROVED", application(application).data("application.state"));
        assertEquals("7500.000000", currentBalance(pool));
        clock.advance(Duration.ofDays(1));
        expire();
        assertEquals("APPROVED", application(application).data("application.state"));
    }

    private String submit(Actor borrower, String pool, String principal, Duration untilDissolution) {
        return graphql.mutation("application/SubmitApplication", input("poolAddress", pool, "principal", principal,
                        "dissolutionDate", clock.instant().plus(untilDissolution).toString()), borrower.apiKey())
                .data("submitApplication.application.address");
    }

    private GraphQLResponse application(String address) {
        return graphql.operation("application/GetApplication", Map.of("address", address));
    }

    private String currentBalance(String pool) {
        return graphql.operation("pool/GetPool", Map.of("address", pool)).data("pool.currentBalance");
    }


    /** Runs the expiry job, and waits until this instance's response cache has heard what it changed. */
    private Long expire() {
        return applicationService.expirePending()
                .flatMap(expired -> cache.heardCommittedWrites().thenReturn(expired)).block();
    }
}
