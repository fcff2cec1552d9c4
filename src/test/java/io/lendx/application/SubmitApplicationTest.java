package io.lendx.application;

import io.lendx.support.Actors;
import io.lendx.support.Actors.Actor;
import io.lendx.support.DatabaseTest;
import io.lendx.support.Fixtures;
import io.lendx.support.GraphQLClient;
import io.lendx.support.GraphQLResponse;
import io.lendx.support.MutableClock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.lendx.support.GraphQLResponse.reason;
import static io.lendx.support.Actors.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class SubmitApplicationTest extends DatabaseTest {

    private static final String TX_HASH = "0123456789abcdef".repeat(4);

    @Inject
    GraphQLClient graphql;
    @Inject
    Actors actors;
    @Inject
    MutableClock clock;

    // ---- submitApplication: success ----

    @Test
    void aSubmittedApplicationIsPendingWithDefaultCollateralAndDissolution() {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "5000");
        Instant now = clock.instant();

        GraphQLResponse response = graphql.mutation("application/SubmitApplication",
                input("poolAddress", pool, "principal", "250.5"), borrower.apiKey());

        String address = response.data("submitApplication.application.address");
        assertTrue(address.matches("[0-9A-Fa-f]{64}"), () -> "Not 64 hex digits: " + address);
        assertEquals("PENDING", response.data("submitApplication.application.state"));
        assertEquals("250.500000", response.data("submitApplication.application.principal"));
        assertEquals("0.000000", response.data("submitApplication.application.offeredCollateral"));
        assertEquals(now, Instant.parse(response.data("submitApplication.application.applicationDate")));
        assertEquals(now.plus(Duration.ofDays(30)),
                Instant.parse(response.data("submitApplication.application.dissolutionDate")));
        assertNull(response.data("submitApplication.application.txHash"));
        assertEquals(borrower.address(), response.data("submitApplication.application.borrower.address"));
        assertEquals(pool, response.data("submitApplication.application.pool.address"));
        // Applying takes no liquidity; only an approval does.
        assertEquals("5000.000000", response.data("submitApplication.application.pool.currentBalance"));

        GraphQLResponse stored = graphql.operation("application/GetApplication", Map.of("address", address));
        assertEquals("PENDING", stored.data("application.state"));
        assertEquals("250.500000", stored.data("application.principal"));
        assertEquals(now, Instant.parse(stored.data("application.applicationDate")));
        assertEquals(now.plus(Duration.ofDays(30)), Instant.parse(stored.data("application.dissolutionDate")));
        assertEquals(now, Instant.parse(stored.data("application.createdAt")));
        assertNull(stored.data("application.loan"));
        assertEquals(1, applicationsOf(pool));
        assertEquals(1, applicationsBy(borrower));
    }

    @Test
    void givenAddressCollateralDissolutionAndHashAreKept() {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "5000");
        String address = "App" + Fixtures.newObjectId().substring(0, 40);
        Instant dissolution = clock.instant().plus(Duration.ofDays(3)).plusMillis(250);

        GraphQLResponse response = graphql.mutation("application/SubmitApplication", input("applicationAddress",
                address, "poolAddress", pool, "principal", 5000, "offeredCollateral", "12.345678",
                "dissolutionDate", dissolution.toString(), "txHash", TX_HASH), borrower.apiKey());

        assertEquals(address, response.data("submitApplication.application.address"));
        assertEquals("PENDING", response.data("submitApplication.application.state"));
        // Exactly the pool's whole current balance may be asked for.
        assertEquals("5000.000000", response.data("submitApplication.application.principal"));
        assertEquals("12.345678", response.data("submitApplication.application.offeredCollateral"));
        assertEquals(dissolution, Instant.parse(response.data("submitApplication.application.dissolutionDate")));
        assertEquals(TX_HASH, response.data("submitApplication.application.txHash"));
        GraphQLResponse stored = graphql.operation("application/GetApplication", Map.of("address", address));
        assertEquals("12.345678", stored.data("application.offeredCollateral"));
        assertEquals(dissolution, Instant.parse(stored.data("application.dissolutionDate")));
        assertEquals(TX_HASH, stored.data("application.txHash"));
    }

    @Test
    void aPrincipalOfExactlyTheMinimumLoanIsAccepted() {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "5000");

        GraphQLResponse response = graphql.mutation("application/SubmitApplication",
                input("poolAddress", pool, "principal", "100"), borrower.apiKey());

        assertEquals("100.000000", response.data("submitApplication.application.principal"));
        assertEquals(1, applicationsOf(pool));
    }

    // ---- submitApplication: refusals, each changing nothing ----

    @Test
    void anUnknownPoolIsNotFound() {
        Actor borrower = actors.register();
        long before = allApplications();

        graphql.mutation("application/SubmitApplication", input("poolAddress", "NOSUCHPOOL" + Fixtures.newObjectId()
                .substring(0, 10), "principal", "500"), borrower.apiKey()).singleError("NOT_FOUND");

        assertEquals(0, applicationsBy(borrower));
        assertEquals(before, allApplications());
    }

    @Test
    void theIssuerCannotApplyToItsOwnPool() {
        Actor issuer = actors.register();
        String pool = actors.pool(issuer, "5000");

        graphql.mutation("application/SubmitApplication", input("poolAddress", pool, "principal", "500"),
                issuer.apiKey()).singleError("FORBIDDEN");

        assertUnchanged(pool, 0, issuer);
    }

    @Test
    void aPrincipalBelowTheMinimumLoanIsBadInput() {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "5000");

        graphql.mutation("application/SubmitApplication", input("poolAddress", pool, "principal", "99.999999"),
                borrower.apiKey()).singleError("BAD_USER_INPUT");

        assertUnchanged(pool, 0, borrower);
    }

    @Test
    void aZeroOrNegativePrincipalIsBadInput() {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "5000");

        graphql.mutation("application/SubmitApplication", input("poolAddress", pool, "principal", "0"),
                borrower.apiKey()).singleError("BAD_USER_INPUT");
        graphql.mutation("application/SubmitApplication", input("poolAddress", pool, "principal", "-500"),
                borrower.apiKey()).singleError("BAD_USER_INPUT");

        assertUnchanged(pool, 0, borrower);
    }

    @Test
    void aPrincipalAboveTheCurrentBalanceIsAnInsufficientBalanceConflict() {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "5000");

        Map<String, Object> error = graphql.mutation("application/SubmitApplication",
                input("poolAddress", pool, "principal", "5000.000001"), borrower.apiKey()).singleError("CONFLICT");

        assertEquals("INSUFFICIENT_POOL_BALANCE", reason(error));
        assertUnchanged(pool, 0, borrower);
    }

    @Test
    void theLimitIsTheCurrentBalanceNotTheTotal() {
        Actor issuer = actors.register();
        Actor first = actors.register();
        Actor second = actors.register();
        String pool = actors.pool(issuer, "5000");
        actors.approve(issuer, actors.apply(first, pool, "4000"));
        assertEquals("1000.000000", currentBalance(pool));

        Map<String, Object> error = graphql.mutation("application/SubmitApplication",
                input("poolAddress", pool, "principal", "1000.000001"), second.apiKey()).singleError("CONFLICT");

        assertEquals("INSUFFICIENT_POOL_BALANCE", reason(error));
        assertUnchanged(pool, 1, second);
        assertEquals("1000.000000", currentBalance(pool));
        assertEquals("1000.000000", graphql.mutation("application/SubmitApplication",
                input("poolAddress", pool, "principal", "1000"), second.apiKey())
                .data("submitApplication.application.principal"));
    }

    @Test
    void aDissolutionDateInThePastOrNowIsBadInput() {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "5000");

        graphql.mutation("application/SubmitApplication", input("poolAddress", pool, "principal", "500",
                "dissolutionDate", clock.instant().minus(Duration.ofDays(1)).toString()), borrower.apiKey())
                .singleError("BAD_USER_INPUT");
        graphql.mutation("application/SubmitApplication", input("poolAddress", pool, "principal", "500",
                "dissolutionDate", clock.instant().toString()), borrower.apiKey())
                .singleError("BAD_USER_INPUT");

        assertUnchanged(pool, 0, borrower);
    }

    /** One rule for years: four digits, read back as written (the probe's +275760 was accepted, 10000 refused). */
    @ParameterizedTest
    @ValueSource(strings = {"+275760-09-13T00:00:00Z", "10000-01-01T00:00:00Z", "9999-12-31T23:00:00-05:00"})
    void aDissolutionDateBeyondFourDigitYearsIsBadInput(String dissolutionDate) {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "5000");

        graphql.mutation("application/SubmitApplication", input("poolAddress", pool, "principal", "500",
                "dissolutionDate", dissolutionDate), borrower.apiKey())
                .singleError("BAD_USER_INPUT");

        assertUnchanged(pool, 0, borrower);
    }

    @Test
    void negativeCollateralIsBadInput() {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "5000");

        graphql.mutation("application/SubmitApplication", input("poolAddress", pool, "principal", "500",
                "offeredCollateral", "-0.000001"), borrower.apiKey()).singleError("BAD_USER_INPUT");

        assertUnchanged(pool, 0, borrower);
    }

    @Test
    void malformedAddressesAndHashesAreBadInput() {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "5000");

        graphql.mutation("application/SubmitApplication", input("poolAddress", pool, "principal", "500",
                "applicationAddress", "bad-address!"), borrower.apiKey()).singleError("BAD_USER_INPUT");
        graphql.mutation("application/SubmitApplication", input("poolAddress", pool, "principal", "500",
                "applicationAddress", "A".repeat(67)), borrower.apiKey()).singleError("BAD_USER_INPUT");
        graphql.mutation("application/SubmitApplication", input("poolAddress", pool, "principal", "500",
                "txHash", "xyz"), borrower.apiKey()).singleError("BAD_USER_INPUT");
        graphql.mutation("application/SubmitApplication", input("poolAddress", "no such pool!", "principal", "500"),
                borrower.apiKey()).singleError("BAD_USER_INPUT");

        assertUnchanged(pool, 0, borrower);
    }

    @Test
    void aDuplicateApplicationAddressIsAConflict() {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        Actor other = actors.register();
        String pool = actors.pool(issuer, "5000");
        String address = "Dup" + Fixtures.newObjectId().substring(0, 30);
        graphql.mutation("application/SubmitApplication", input("applicationAddress", address, "poolAddress", pool,
                "principal", "500"), borrower.apiKey()).data("submitApplication.application.address");

        Map<String, Object> error = graphql.mutation("application/SubmitApplication", input("applicationAddress",
                address, "poolAddress", pool, "principal", "700"), other.apiKey()).singleError("CONFLICT");

        assertEquals("DUPLICATE", reason(error));
        assertUnchanged(pool, 1, other);
        GraphQLResponse stored = graphql.operation("application/GetApplication", Map.of("address", address));
        assertEquals(borrower.address(), stored.data("application.borrower.address"));
        assertEquals("500.000000", stored.data("application.principal"));
    }

    @Test
    void anAnonymousCallerCannotApply() {
        Actor issuer = actors.register();
        String pool = actors.pool(issuer, "5000");

        graphql.mutation("application/SubmitApplication", input("poolAddress", pool, "principal", "500"), null)
                .singleError("UNAUTHENTICATED");

        assertEquals(0, applicationsOf(pool));
    }

    // ---- rejectApplication ----

    @Test
    void theIssuerRejectsAPendingApplicationOnce() {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "5000");
        String application = actors.apply(borrower, pool, "500");
        clock.advance(Duration.ofMinutes(5));
        Instant decidedAt = clock.instant();

        GraphQLResponse response = graphql.mutation("application/RejectApplication",
                input("applicationAddress", application), issuer.apiKey());

        assertEquals(application, response.data("rejectApplication.application.address"));
        assertEquals("REJECTED", response.data("rejectApplication.application.state"));
        assertEquals(decidedAt, Instant.parse(response.data("rejectApplication.application.updatedAt")));

        Map<String, Object> again = graphql.mutation("application/RejectApplication",
                input("applicationAddress", application), issuer.apiKey()).singleError("CONFLICT");
        assertEquals("INVALID_STATE_TRANSITION", reason(again));

        Map<String, Object> approval = graphql.mutation("loan/ApproveApplication",
                input("applicationAddress", application), issuer.apiKey()).singleError("CONFLICT");
        assertEquals("INVALID_STATE_TRANSITION", reason(approval));

        GraphQLResponse stored = graphql.operation("application/GetApplication", Map.of("address", application));
        assertEquals("REJECTED", stored.data("application.state"));
        assertEquals(decidedAt, Instant.parse(stored.data("application.updatedAt")));
        assertNull(stored.data("application.loan"));
        assertEquals("5000.000000", currentBalance(pool));
    }

    @Test
    void onlyThePoolsIssuerMayReject() {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "5000");
        String application = actors.apply(borrower, pool, "500");

        graphql.mutation("application/RejectApplication", input("applicationAddress", application),
                borrower.apiKey()).singleError("FORBIDDEN");
        graphql.mutation("application/RejectApplication", input("applicationAddress", application),
                actors.register().apiKey()).singleError("FORBIDDEN");

        assertEquals("PENDING", graphql.operation("application/GetApplication", Map.of("address", application))
                .data("application.state"));
    }

    @Test
    void rejectingAnUnknownApplicationIsNotFound() {
        Actor issuer = actors.register();

        graphql.mutation("application/RejectApplication", input("applicationAddress",
                "NOSUCHAPP" + Fixtures.newObjectId().substring(0, 10)), issuer.apiKey()).singleError("NOT_FOUND");
        graphql.mutation("application/RejectApplication", input("applicationAddress", "bad-address!"),
                issuer.apiKey()).singleError("BAD_USER_INPUT");
    }

    @Test
    void anApprovedApplicationCannotBeRejected() {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "5000");
        String application = actors.apply(borrower, pool, "500");
        actors.approve(issuer, application);

        Map<String, Object> error = graphql.mutation("application/RejectApplication",
                input("applicationAddress", application), issuer.apiKey()).singleError("CONFLICT");

        assertEquals("INVALID_STATE_TRANSITION", reason(error));
        assertEquals("APPROVED", graphql.operation("application/GetApplication", Map.of("address", application))
                .data("application.state"));
        assertEquals("4500.000000", currentBalance(pool));
    }

    private void assertUnchanged(String pool, int applications, Actor caller) {
        assertEquals(applications, applicationsOf(pool));
        assertEquals(0, applicationsBy(caller));
    }


    private int applicationsOf(String pool) {
        return graphql.operation("pool/GetPool", Map.of("address", pool)).data("pool.applications.totalCount");
    }

    private int applicationsBy(Actor borrower) {
        return graphql.operation("user/GetUser", Map.of("address", borrower.address()))
                .data("user.applications.totalCount");
    }

    private long allApplications() {
        return ((Number) graphql.operation("application/ListApplications", Map.of())
                .data("applications.totalCount")).longValue();
    }

    private String currentBalance(String pool) {
        return graphql.operation("pool/GetPool", Map.of("address", pool)).data("pool.currentBalance");
    }
}
