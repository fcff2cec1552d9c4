package io.lendx.loan;

import io.lendx.support.Actors;
import io.lendx.support.Actors.Actor;
import io.lendx.support.DatabaseTest;
import io.lendx.support.GraphQLClient;
import io.lendx.support.GraphQLResponse;
import io.lendx.support.MutableClock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.math.BigDecimal;
import java.util.Map;

import static io.lendx.support.Actors.input;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** register → create pool → apply → approve → repay or default, with the money exact at each step. */
@MicronautTest(transactional = false)
class LifecycleTest extends DatabaseTest {

    @Inject
    GraphQLClient graphql;
    @Inject
    Actors actors;
    @Inject
    MutableClock clock;

    @Test
    void approvalOpensALoanWithExactInterestAndTakesTheLiquidity() {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "10000");
        String application = actors.apply(borrower, pool, "2500.5");
        String txHash = "AB".repeat(32);

        GraphQLResponse approved = graphql.mutation("loan/ApproveApplication",
                input("applicationAddress", application, "loanAddress", "LOAN1", "txHash", txHash), issuer.apiKey());

        assertEquals("APPROVED", approved.data("approveApplication.application.state"));
        assertEquals("LOAN1", approved.data("approveApplication.loan.address"));
        assertEquals("ONGOING", approved.data("approveApplication.loan.state"));
        assertEquals("2500.500000", approved.data("approveApplication.loan.principal"));
        // 2500.5 × 7.3/100 × 30/365 = 15.00300000… → HALF_EVEN at 6 decimals
        assertEquals("15.003000", approved.data("approveApplication.loan.interest"));
        assertEquals("2515.503000", approved.data("approveApplication.loan.totalAmountDue"));
        assertEquals(clock.instant().toString(), approved.data("approveApplication.loan.startDate"));
        assertEquals(clock.instant().plus(Duration.ofDays(30)).toString(),
                approved.data("approveApplication.loan.endDate"));
        assertEquals(txHash, approved.data("approveApplication.loan.txHash"));
        assertEquals(borrower.address(), approved.data("approveApplication.loan.borrower.address"));
        assertEquals(issuer.address(), approved.data("approveApplication.loan.lender.address"));
        assertEquals(application, approved.data("approveApplication.loan.application.address"));
        assertEquals("7499.500000", approved.data("approveApplication.loan.pool.currentBalance"));
    }

    @Test
    void interestRoundsHalfEvenAtTheSixthDecimal() {
        // 0.000001 × 50% over a year = 0.0000005: a tie, rounded to the even 0.000000
        assertEquals(new BigDecimal("0.000000"), Interest.of(new BigDecimal("0.000001"), new BigDecimal("50"), 365));
        // 0.000003 × 50% = 0.0000015: a tie, rounded to the even 0.000002
        assertEquals(new BigDecimal("0.000002"), Interest.of(new BigDecimal("0.000003"), new BigDecimal("50"), 365));
        // 125000 × 10% × 30/365 = 1027.39726027…
        assertEquals(new BigDecimal("1027.397260"), Interest.of(new BigDecimal("125000"), BigDecimal.TEN, 30));
    }

    @Test
    void repaymentReturnsPrincipalAndBooksInterest() {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "5000");
        String loan = actors.approve(issuer, actors.apply(borrower, pool, "1000"));

        GraphQLResponse repaid = graphql.mutation("loan/RepayLoan", input("loanAddress", loan), borrower.apiKey());

        assertEquals("PAID", repaid.data("repayLoan.loan.state"));
        assertEquals("5000.000000", repaid.data("repayLoan.loan.pool.currentBalance"));
        // 1000 × 7.3% × 30/365 = 6
        assertEquals("6.000000", repaid.data("repayLoan.loan.pool.interestEarned"));

        graphql.mutation("loan/RepayLoan", input("loanAddress", loan), borrower.apiKey())
                .singleError("CONFLICT", "INVALID_STATE_TRANSITION");
        assertEquals("5000.000000", poolBalance(pool));
    }

    @Test
    void aLoanDefaultsOnlyAfterItsEndDate() {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "5000");
        String loan = actors.approve(issuer, actors.apply(borrower, pool, "1000"));

        graphql.mutation("loan/MarkLoanDefaulted", input("loanAddress", loan),
                issuer.apiKey()).singleError("CONFLICT", "INVALID_STATE_TRANSITION");

        clock.advance(Duration.ofDays(31));
        assertEquals(true, graphql.operation("loan/GetLoan", Map.of("address", loan)).data("loan.isOverdue"));
        GraphQLResponse defaulted = graphql.mutation("loan/MarkLoanDefaulted", input("loanAddress", loan),
                issuer.apiKey());
        assertEquals("DEFAULTED", defaulted.data("markLoanDefaulted.loan.state"));
        assertEquals(false, defaulted.data("markLoanDefaulted.loan.isOverdue"));
        assertEquals("4000.000000", defaulted.data("markLoanDefaulted.loan.pool.currentBalance"));

        graphql.mutation("loan/RepayLoan", input("loanAddress", loan), borrower.apiKey()).singleError("CONFLICT");
        assertEquals("DEFAULTED", graphql.operation("loan/GetLoan", Map.of("address", loan)).data("loan.state"));
    }

    @Test
    void anApplicationIsApprovedOnceAndUnknownObjectsAreNotFound() {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "5000");
        String application = actors.apply(borrower, pool, "1000");
        actors.approve(issuer, application);

        graphql.mutation("loan/ApproveApplication", input("applicationAddress", application), issuer.apiKey())
                .singleError("CONFLICT");
        assertEquals("4000.000000", poolBalance(pool));
        graphql.mutation("loan/ApproveApplication", input("applicationAddress", "NOSUCH"), issuer.apiKey())
                .singleError("NOT_FOUND");
        graphql.mutation("loan/RepayLoan", input("loanAddress", "NOSUCH"), borrower.apiKey())
                .singleError("NOT_FOUND");
        graphql.mutation("loan/MarkLoanDefaulted", input("loanAddress", "NOSUCH"), issuer.apiKey())
                .singleError("NOT_FOUND");
    }

    @Test
    void anApprovalThePoolCannotFundChangesNothing() {
        Actor issuer = actors.register();
        String pool = actors.pool(issuer, "1500");
        String first = actors.apply(actors.register(), pool, "1000");
        String second = actors.apply(actors.register(), pool, "1000");
        actors.approve(issuer, first);

        graphql.mutation("loan/ApproveApplication",
                input("applicationAddress", second), issuer.apiKey()).singleError("CONFLICT", "INSUFFICIENT_POOL_BALANCE");
        assertEquals("PENDING", graphql.operation("application/GetApplication", Map.of("address", second))
                .data("application.state"));
        assertEquals("500.000000", poolBalance(pool));
    }

    private String poolBalance(String pool) {
        return graphql.operation("pool/GetPool", Map.of("address", pool)).data("pool.currentBalance");
    }
}
