package io.lendx.application;

import io.lendx.loan.Loan;
import io.lendx.loan.LoanState;
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
class ApplicationQueriesTest extends DatabaseTest {

    @Inject
    Fixtures fixtures;
    @Inject
    GraphQLClient graphql;

    @Test
    void anApplicationWithItsBorrowerPoolAndLoan() {
        User issuer = fixtures.user();
        User borrower = fixtures.user();
        Pool pool = fixtures.pool(issuer);
        LoanApplication application = fixtures.application(borrower, pool, ApplicationState.APPROVED);
        Loan loan = fixtures.loan(pool, borrower, application, LoanState.PAID, Instant.parse("2026-03-01T00:00:00Z"));

        GraphQLResponse response = graphql.operation("application/GetApplication",
                Map.of("address", application.address()));
        assertEquals(borrower.address(), response.data("application.borrower.address"));
        assertEquals(Map.of("address", pool.address(), "issuer", Map.of("address", issuer.address())),
                response.data("application.pool"));
        assertEquals("APPROVED", response.data("application.state"));
        assertEquals("1000.000000", response.data("application.principal"));
        assertEquals("0.000000", response.data("application.offeredCollateral"));
        assertEquals(application.applicationDate().toString(), response.data("application.applicationDate"));
        assertEquals(application.dissolutionDate().toString(), response.data("application.dissolutionDate"));
        assertEquals(Map.of("address", loan.address(), "state", "PAID"), response.data("application.loan"));
    }

    @Test
    void aPendingApplicationHasNoLoanAndAnUnknownOneIsNull() {
        LoanApplication pending = fixtures.application(fixtures.user(), fixtures.pool(fixtures.user()),
                ApplicationState.PENDING);
        assertNull(graphql.operation("application/GetApplication", Map.of("address", pending.address()))
                .data("application.loan"));
        assertNull(graphql.operation("application/GetApplication", Map.of("address", "NOPE"))
                .data("application"));
    }

    @Test
    void applicationsAreFilteredByStatePoolAndBorrower() {
        User borrower = fixtures.user();
        Pool pool = fixtures.pool(fixtures.user());
        Pool otherPool = fixtures.pool(fixtures.user());
        LoanApplication wanted = fixtures.application(borrower, pool, ApplicationState.EXPIRED);
        fixtures.application(borrower, pool, ApplicationState.PENDING);
        fixtures.application(borrower, otherPool, ApplicationState.EXPIRED);
        fixtures.application(fixtures.user(), pool, ApplicationState.EXPIRED);

        GraphQLResponse response = graphql.operation("application/ListApplications", Map.of("filter", Map.of(
                "state", "EXPIRED", "poolAddress", pool.address(), "borrowerAddress", borrower.address())));
        assertEquals(1, (int) response.data("applications.totalCount"));
        assertEquals(List.of(Map.of("address", wanted.address())), response.data("applications.nodes"));

        GraphQLResponse byPool = graphql.operation("application/ListApplications",
                Map.of("filter", Map.of("poolAddress", pool.address())));
        assertEquals(3, (int) byPool.data("applications.totalCount"));
    }

    @Test
    void applicationsSortByDissolutionDateDescending() {
        User borrower = fixtures.user();
        Pool pool = fixtures.pool(fixtures.user());
        LoanApplication older = fixtures.application(borrower, pool, ApplicationState.PENDING);
        LoanApplication newer = fixtures.application(borrower, pool, ApplicationState.PENDING);

        GraphQLResponse response = graphql.operation("application/ListApplications", Map.of(
                "filter", Map.of("borrowerAddress", borrower.address()),
                "orderBy", Map.of("field", "DISSOLUTION_DATE", "direction", "DESC")));
        assertEquals(List.of(Map.of("address", newer.address()), Map.of("address", older.address())),
                response.data("applications.nodes"));
    }
}
