package io.lendx.user;

import io.lendx.application.ApplicationState;
import io.lendx.loan.Loan;
import io.lendx.loan.LoanState;
import io.lendx.pool.Pool;
import io.lendx.support.DatabaseTest;
import io.lendx.support.Fixtures;
import io.lendx.support.GraphQLClient;
import io.lendx.support.GraphQLResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@MicronautTest(transactional = false)
class UserQueriesTest extends DatabaseTest {

    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant FAR_AHEAD = Instant.parse("2099-01-01T00:00:00Z");

    @Inject
    Fixtures fixtures;
    @Inject
    GraphQLClient graphql;

    @Test
    void aUserWithEveryRelation() {
        User lender = fixtures.user("did:xrpl:1:lender");
        User borrower = fixtures.user();
        Pool pool = fixtures.pool(lender);
        fixtures.application(borrower, pool, ApplicationState.PENDING);
        Loan overdue = fixtures.loan(pool, borrower, LoanState.ONGOING, LONG_AGO);
        fixtures.balance(lender, "MPT1", new BigDecimal("12.500000"), Instant.now());

        GraphQLResponse asLender = graphql.operation("user/GetUser", Map.of("address", lender.address()));
        assertEquals(lender.address(), asLender.data("user.address"));
        assertEquals("did:xrpl:1:lender", asLender.data("user.did"));
        assertEquals(lender.createdAt().toString(), asLender.data("user.createdAt"));
        assertEquals(pool.address(), asLender.data("user.pools.nodes.0.address"));
        assertEquals(1, (int) asLender.data("user.pools.totalCount"));
        assertEquals(0, (int) asLender.data("user.applications.totalCount"));
        assertEquals(0, (int) asLender.data("user.loansAsBorrower.totalCount"));
        assertEquals(overdue.address(), asLender.data("user.loansAsLender.nodes.0.address"));
        assertEquals(List.of(Map.of("mptId", "MPT1", "balance", "12.500000",
                        "lastSyncedAt", asLender.data("user.mptBalances.0.lastSyncedAt"),
                        "isStale", false, "user", Map.of("address", lender.address()))),
                asLender.data("user.mptBalances"));

        GraphQLResponse asBorrower = graphql.operation("user/GetUser", Map.of("address", borrower.address()));
        assertNull(asBorrower.data("user.did"));
        assertEquals(1, (int) asBorrower.data("user.applications.totalCount"));
        assertEquals("PENDING", asBorrower.data("user.applications.nodes.0.state"));
        assertEquals("1004.109589", asBorrower.data("user.loansAsBorrower.nodes.0.totalAmountDue"));
        assertEquals(true, asBorrower.data("user.loansAsBorrower.nodes.0.isOverdue"));
        assertEquals(List.of(), asBorrower.data("user.mptBalances"));
    }

    @Test
    void anUnknownAddressIsNull() {
        GraphQLResponse response = graphql.operation("user/GetUser", Map.of("address", Fixtures.newAddress()));
        assertNull(response.data("user"));
    }

    @Test
    void usersAreFilteredByDid() {
        User wanted = fixtures.user("did:web:wanted.example");
        fixtures.user("did:web:other.example");

        GraphQLResponse response = graphql.operation("user/ListUsers",
                Map.of("filter", Map.of("did", "did:web:wanted.example")));
        assertEquals(1, (int) response.data("users.totalCount"));
        assertEquals(List.of(Map.of("address", wanted.address())), response.data("users.nodes"));
    }

    @Test
    void relationConnectionsFilterByStateAndPage() {
        User issuer = fixtures.user();
        User borrower = fixtures.user();
        Pool pool = fixtures.pool(issuer);
        Loan first = fixtures.loan(pool, borrower, LoanState.ONGOING, FAR_AHEAD);
        fixtures.loan(pool, borrower, LoanState.PAID, FAR_AHEAD);
        Loan third = fixtures.loan(pool, borrower, LoanState.ONGOING, FAR_AHEAD);
        fixtures.application(borrower, pool, ApplicationState.REJECTED);
        fixtures.application(borrower, pool, ApplicationState.PENDING);

        GraphQLResponse firstPage = graphql.operation("user/UserRelationPages", Map.of(
                "address", borrower.address(), "first", 1, "loanState", "ONGOING", "applicationState", "REJECTED"));
        assertEquals(2, (int) firstPage.data("user.loansAsBorrower.totalCount"));
        assertEquals(first.address(), firstPage.data("user.loansAsBorrower.nodes.0.address"));
        assertEquals(true, firstPage.data("user.loansAsBorrower.pageInfo.hasNextPage"));
        assertEquals(1, (int) firstPage.data("user.applications.totalCount"));
        assertEquals("REJECTED", firstPage.data("user.applications.nodes.0.state"));
        assertEquals(0, (int) firstPage.data("user.loansAsLender.totalCount"));

        GraphQLResponse secondPage = graphql.operation("user/UserRelationPages", Map.of(
                "address", borrower.address(), "first", 1, "loanState", "ONGOING",
                "borrowedAfter", firstPage.data("user.loansAsBorrower.pageInfo.endCursor")));
        assertEquals(third.address(), secondPage.data("user.loansAsBorrower.nodes.0.address"));
        assertEquals(false, secondPage.data("user.loansAsBorrower.pageInfo.hasNextPage"));
        assertEquals(true, secondPage.data("user.loansAsBorrower.pageInfo.hasPreviousPage"));
        assertEquals(borrower.address(), secondPage.data("user.loansAsBorrower.nodes.0.borrower.address"));

        GraphQLResponse lender = graphql.operation("user/UserRelationPages", Map.of("address", issuer.address()));
        assertEquals(3, (int) lender.data("user.loansAsLender.totalCount"));
        assertEquals(issuer.address(), lender.data("user.loansAsLender.nodes.2.lender.address"));
        assertEquals(issuer.address(), lender.data("user.pools.nodes.0.issuer.address"));
    }
}
