package io.lendx.loan;

import io.lendx.application.ApplicationState;
import io.lendx.application.LoanApplication;
import io.lendx.pool.Pool;
import io.lendx.support.DatabaseTest;
import io.lendx.support.Fixtures;
import io.lendx.support.GraphQLClient;
import io.lendx.support.GraphQLResponse;
import io.lendx.user.User;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@MicronautTest(transactional = false)
class LoanQueriesTest extends DatabaseTest {

    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant FAR_AHEAD = Instant.parse("2099-01-01T00:00:00Z");

    @Inject
    Fixtures fixtures;
    @Inject
    GraphQLClient graphql;

    @Test
    void aLoanWithItsPartiesPoolApplicationAndDerivedFields() {
        User issuer = fixtures.user();
        User borrower = fixtures.user();
        Pool pool = fixtures.pool(issuer);
        LoanApplication application = fixtures.application(borrower, pool, ApplicationState.APPROVED);
        Loan loan = fixtures.loan(pool, borrower, application, LoanState.ONGOING, LONG_AGO);

        GraphQLResponse response = graphql.operation("loan/GetLoan", Map.of("address", loan.address()));
        assertEquals(pool.address(), response.data("loan.pool.address"));
        assertEquals(borrower.address(), response.data("loan.borrower.address"));
        assertEquals(issuer.address(), response.data("loan.lender.address"));
        assertEquals(Map.of("address", application.address(), "state", "APPROVED"),
                response.data("loan.application"));
        assertEquals("1000.000000", response.data("loan.principal"));
        assertEquals("4.109589", response.data("loan.interest"));
        assertEquals("1004.109589", response.data("loan.totalAmountDue"));
        assertEquals("2019-12-02T00:00:00Z", response.data("loan.startDate"));
        assertEquals("2020-01-01T00:00:00Z", response.data("loan.endDate"));
        assertEquals("ONGOING", response.data("loan.state"));
        assertEquals(true, response.data("loan.isOverdue"));
    }

    @Test
    void aLoanLookedUpWithItsPoolAndBorrower() {
        User borrower = fixtures.user("did:xrpl:1:lookup");
        Pool pool = fixtures.pool(fixtures.user());
        Loan loan = fixtures.loan(pool, borrower, LoanState.ONGOING, FAR_AHEAD);

        GraphQLResponse response = graphql.operation("loan/LoanWithParties", Map.of("address", loan.address()));
        assertEquals(loan.address(), response.data("loan.address"));
        assertEquals("ONGOING", response.data("loan.state"));
        assertEquals(loan.principal().add(loan.interest()).toPlainString(), response.data("loan.totalAmountDue"));
        assertEquals("2099-01-01T00:00:00Z", response.data("loan.endDate"));
        assertEquals(false, response.data("loan.isOverdue"));
        assertEquals(Map.of("address", pool.address(), "interestRate", pool.interestRate().setScale(6).toPlainString()),
                response.data("loan.pool"));
        assertEquals(Map.of("address", borrower.address(), "did", "did:xrpl:1:lookup"), response.data("loan.borrower"));
        assertNull(graphql.operation("loan/LoanWithParties", Map.of("address", "NOSUCHLOAN")).data("loan"));
    }

    @Test
    void onlyAnOngoingLoanPastItsEndIsOverdue() {
        Pool pool = fixtures.pool(fixtures.user());
        User borrower = fixtures.user();
        Loan current = fixtures.loan(pool, borrower, LoanState.ONGOING, FAR_AHEAD);
        Loan paidLate = fixtures.loan(pool, borrower, LoanState.PAID, LONG_AGO);
        Loan defaulted = fixtures.loan(pool, borrower, LoanState.DEFAULTED, LONG_AGO);

        for (Loan loan : List.of(current, paidLate, defaulted)) {
            GraphQLResponse response = graphql.operation("loan/GetLoan", Map.of("address", loan.address()));
            assertEquals(false, response.data("loan.isOverdue"), loan::toString);
            assertNull(response.data("loan.application"));
        }
    }

    @Test
    void anUnknownLoanIsNull() {
        assertNull(graphql.operation("loan/GetLoan", Map.of("address", "NOPE")).data("loan"));
    }

    @Test
    void loansAreFilteredByEveryCondition() {
        User issuer = fixtures.user();
        User borrower = fixtures.user();
        Pool pool = fixtures.pool(issuer);
        Loan overdue = fixtures.loan(pool, borrower, LoanState.ONGOING, LONG_AGO);
        Loan current = fixtures.loan(pool, borrower, LoanState.ONGOING, FAR_AHEAD);
        Loan paid = fixtures.loan(pool, borrower, LoanState.PAID, LONG_AGO);
        fixtures.loan(fixtures.pool(fixtures.user()), fixtures.user(), LoanState.ONGOING, LONG_AGO);

        assertEquals(List.of(overdue.address()), addresses(Map.of("poolAddress", pool.address(), "overdue", true)));
        assertEquals(List.of(current.address(), paid.address()),
                addresses(Map.of("poolAddress", pool.address(), "overdue", false)));
        assertEquals(List.of(paid.address()), addresses(Map.of("borrowerAddress", borrower.address(), "state", "PAID")));
        assertEquals(List.of(overdue.address(), current.address()),
                addresses(Map.of("lenderAddress", issuer.address(), "state", "ONGOING")));
    }

    @Test
    void loansSortByEndDate() {
        Pool pool = fixtures.pool(fixtures.user());
        User borrower = fixtures.user();
        Loan late = fixtures.loan(pool, borrower, LoanState.ONGOING, FAR_AHEAD);
        Loan early = fixtures.loan(pool, borrower, LoanState.ONGOING, LONG_AGO);

        GraphQLResponse response = graphql.operation("loan/ListLoans", Map.of(
                "filter", Map.of("poolAddress", pool.address()), "orderBy", Map.of("field", "END_DATE")));
        assertEquals(List.of(Map.of("address", early.address()), Map.of("address", late.address())),
                response.data("loans.nodes"));
    }

    private List<String> addresses(Map<String, Object> filter) {
        GraphQLResponse response = graphql.operation("loan/ListLoans", Map.of("filter", filter));
        List<Map<String, Object>> nodes = response.data("loans.nodes");
        assertEquals(nodes.size(), (int) response.data("loans.totalCount"));
        return nodes.stream().map(node -> (String) node.get("address")).toList();
    }
}
