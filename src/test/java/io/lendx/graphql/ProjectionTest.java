package io.lendx.graphql;

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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Relations read only the columns their selection asks for; a wider selection of the same
 * object later in the request still gets every field it asks for.
 */
@MicronautTest(transactional = false)
class ProjectionTest extends DatabaseTest {

    private static final Instant FAR_AHEAD = Instant.parse("2099-01-01T00:00:00Z");

    @Inject
    Fixtures fixtures;
    @Inject
    GraphQLClient graphql;

    @Test
    void anObjectFirstReadNarrowlyIsReadAgainWhenAskedForMore() {
        User issuer = fixtures.user("did:xrpl:1:projection-issuer");
        Pool pool = fixtures.pool(issuer);
        Loan loan = fixtures.loan(pool, fixtures.user(), LoanState.ONGOING, FAR_AHEAD);

        // The issuer is loaded at the second level with its address only, and again as the
        // loan's lender one level down with its DID and creation time.
        GraphQLResponse response = graphql.document("""
                query($address: String!) {
                  pool(address: $address) {
                    issuer { address }
                    loans(first: 5) { nodes { address endDate lender { address did createdAt } } }
                  }
                }""", Map.of("address", pool.address()));

        assertEquals(Map.of("address", issuer.address()), response.data("pool.issuer"));
        assertEquals(Map.of("address", issuer.address(), "did", "did:xrpl:1:projection-issuer",
                "createdAt", issuer.createdAt().toString()), response.data("pool.loans.nodes.0.lender"));
        assertEquals(loan.endDate().toString(), response.data("pool.loans.nodes.0.endDate"));
    }

    @Test
    void fieldsAskedThroughFragmentsAndAliasesAreRead() {
        User issuer = fixtures.user("did:xrpl:1:projection-fragments");
        Pool pool = fixtures.pool(issuer);
        Loan loan = fixtures.loan(pool, fixtures.user(), LoanState.ONGOING, FAR_AHEAD);

        GraphQLResponse response = graphql.document("""
                query($address: String!) {
                  loan(address: $address) {
                    ...amounts
                    lender { ... on User { did } }
                    due: totalAmountDue
                    edgesOnly: pool { loans(first: 1) { edges { node { startDate } } } }
                  }
                }
                fragment amounts on Loan { principal interest isOverdue }""", Map.of("address", loan.address()));

        assertEquals(loan.principal().toPlainString(), response.data("loan.principal"));
        assertEquals(loan.interest().toPlainString(), response.data("loan.interest"));
        assertEquals(false, response.data("loan.isOverdue"));
        assertEquals(loan.principal().add(loan.interest()).toPlainString(), response.data("loan.due"));
        assertEquals("did:xrpl:1:projection-fragments", response.data("loan.lender.did"));
        assertEquals(loan.startDate().toString(), response.data("loan.edgesOnly.loans.edges.0.node.startDate"));
    }
}
