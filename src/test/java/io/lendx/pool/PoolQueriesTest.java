package io.lendx.pool;

import io.lendx.application.ApplicationState;
import io.lendx.application.LoanApplication;
import io.lendx.loan.Loan;
import io.lendx.loan.LoanState;
import io.lendx.support.DatabaseTest;
import io.lendx.support.Fixtures;
import io.lendx.support.GraphQLClient;
import io.lendx.support.GraphQLResponse;
import io.lendx.user.User;
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
class PoolQueriesTest extends DatabaseTest {

    private static final Instant FAR_AHEAD = Instant.parse("2099-01-01T00:00:00Z");

    @Inject
    Fixtures fixtures;
    @Inject
    GraphQLClient graphql;

    @Test
    void aPoolWithItsIssuerApplicationsAndLoans() {
        User issuer = fixtures.user("did:xrpl:1:issuer");
        User borrower = fixtures.user();
        Pool pool = fixtures.pool(issuer, new BigDecimal("250000.500000"), new BigDecimal("7.2500"));
        LoanApplication pending = fixtures.application(borrower, pool, ApplicationState.PENDING);
        LoanApplication approved = fixtures.application(borrower, pool, ApplicationState.APPROVED);
        Loan loan = fixtures.loan(pool, borrower, approved, LoanState.ONGOING, FAR_AHEAD);

        GraphQLResponse response = graphql.operation("pool/GetPool", Map.of("address", pool.address()));
        assertEquals(Map.of("address", issuer.address(), "did", "did:xrpl:1:issuer"), response.data("pool.issuer"));
        assertEquals("250000.500000", response.data("pool.totalBalance"));
        assertEquals("250000.500000", response.data("pool.currentBalance"));
        assertEquals("0.000000", response.data("pool.interestEarned"));
        assertEquals("100.000000", response.data("pool.minimumLoan"));
        assertEquals(30, (int) response.data("pool.durationDays"));
        assertEquals("7.250000", response.data("pool.interestRate"));
        assertNull(response.data("pool.txHash"));
        assertEquals(pool.createdAt().toString(), response.data("pool.createdAt"));
        assertEquals(2, (int) response.data("pool.applications.totalCount"));
        assertEquals(List.of(pending.address(), approved.address()),
                List.of(response.data("pool.applications.nodes.0.address"),
                        response.data("pool.applications.nodes.1.address")));
        assertEquals(pool.address(), response.data("pool.applications.nodes.0.pool.address"));
        assertEquals(loan.address(), response.data("pool.loans.nodes.0.address"));
        assertEquals("1000.000000", response.data("pool.loans.nodes.0.principal"));

        GraphQLResponse filtered = graphql.operation("pool/GetPool", Map.of("address", pool.address(),
                "loanState", "PAID", "applicationState", "PENDING"));
        assertEquals(0, (int) filtered.data("pool.loans.totalCount"));
        assertEquals(List.of(), filtered.data("pool.loans.nodes"));
        assertEquals(1, (int) filtered.data("pool.applications.totalCount"));
    }

    @Test
    void theFlatFirstPageListsPoolsWithTheirTerms() {
        Pool pool = fixtures.pool(fixtures.user(), new BigDecimal("5000.125000"), new BigDecimal("3.5000"));
        fixtures.pool(fixtures.user());

        GraphQLResponse page = graphql.operation("marketplace/PoolsFirstPage", Map.of("first", 100));
        List<Map<String, Object>> nodes = page.data("pools.nodes");
        Map<String, Object> listed = nodes.stream().filter(node -> pool.address().equals(node.get("address")))
                .findFirst().orElseThrow();
        assertEquals(Map.of("address", pool.address(), "currentBalance", "5000.125000",
                "totalBalance", "5000.125000", "interestRate", "3.500000", "durationDays", 30,
                "minimumLoan", "100.000000", "createdAt", pool.createdAt().toString()), listed);
        assertEquals(false, page.data("pools.pageInfo.hasNextPage"));

        GraphQLResponse first = graphql.operation("marketplace/PoolsFirstPage", Map.of("first", 1));
        assertEquals(1, first.<List<?>>data("pools.nodes").size());
        assertEquals(true, first.data("pools.pageInfo.hasNextPage"));
    }

    @Test
    void anUnknownPoolIsNull() {
        assertNull(graphql.operation("pool/GetPool", Map.of("address", "NOSUCHPOOL")).data("pool"));
    }

    @Test
    void poolsAreFilteredByIssuerAndSortedByRate() {
        User issuer = fixtures.user();
        Pool cheap = fixtures.pool(issuer, new BigDecimal("1000.000000"), new BigDecimal("1.5000"));
        Pool dear = fixtures.pool(issuer, new BigDecimal("1000.000000"), new BigDecimal("12.0000"));
        Pool middle = fixtures.pool(issuer, new BigDecimal("1000.000000"), new BigDecimal("4.0000"));
        fixtures.pool(fixtures.user());

        GraphQLResponse response = graphql.operation("pool/ListPools", Map.of(
                "filter", Map.of("issuerAddress", issuer.address()),
                "orderBy", Map.of("field", "INTEREST_RATE", "direction", "DESC")));
        assertEquals(3, (int) response.data("pools.totalCount"));
        assertEquals(List.of(Map.of("address", dear.address()), Map.of("address", middle.address()),
                Map.of("address", cheap.address())), response.data("pools.nodes"));
        assertEquals("12.000000", response.data("pools.edges.0.node.interestRate"));
        assertEquals(issuer.address(), response.data("pools.edges.2.node.issuer.address"));
    }

    @Test
    void pagesInRateOrderContinueAfterTheCursorEvenWithTies() {
        User issuer = fixtures.user();
        Pool a = fixtures.pool(issuer, new BigDecimal("1000.000000"), new BigDecimal("3.0000"));
        Pool b = fixtures.pool(issuer, new BigDecimal("1000.000000"), new BigDecimal("3.0000"));
        Pool c = fixtures.pool(issuer, new BigDecimal("1000.000000"), new BigDecimal("3.0000"));
        List<String> expected = List.of(a.address(), b.address(), c.address()).stream().sorted().toList();

        Map<String, Object> variables = Map.of("first", 2, "filter", Map.of("issuerAddress", issuer.address()),
                "orderBy", Map.of("field", "INTEREST_RATE"));
        GraphQLResponse first = graphql.operation("pool/ListPools", variables);
        GraphQLResponse second = graphql.operation("pool/ListPools", Map.of("first", 2,
                "after", first.data("pools.pageInfo.endCursor"),
                "filter", Map.of("issuerAddress", issuer.address()), "orderBy", Map.of("field", "INTEREST_RATE")));
        assertEquals(List.of(expected.get(0), expected.get(1)),
                List.of(first.data("pools.nodes.0.address"), first.data("pools.nodes.1.address")));
        assertEquals(List.of(Map.of("address", expected.get(2))), second.data("pools.nodes"));
        assertEquals(false, second.data("pools.pageInfo.hasNextPage"));
    }
}
