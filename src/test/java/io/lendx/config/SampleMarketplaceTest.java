package io.lendx.config;

import io.lendx.support.Wallets;
import io.lendx.support.Wallets.Wallet;
import io.lendx.support.DatabaseTest;
import io.lendx.support.GraphQLClient;
import io.lendx.support.GraphQLResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sample data a developer meets on first run covers every state and holds together. */
@MicronautTest(transactional = false)
class SampleMarketplaceTest extends DatabaseTest {

    private static final String LOANS = """
            { pools(first: 20) { nodes { totalBalance currentBalance interestEarned
                loans(first: 20) { nodes { state principal interest isOverdue } } } } }
            """;

    @Inject
    GraphQLClient graphql;
    @Inject
    SampleMarketplace sample;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("lendx.sample-data.enabled", "true");
        return properties;
    }

    @BeforeAll
    void waitForTheStartUpLoad() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (count("users") < 12 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
    }

    @Test
    void aSampleUserSignsInWithItsPublishedTestKey() {
        // User 1 of the README's table of sample wallets.
        Wallet first = Wallets.fromSeed("sEdVZcPGWmfcM4AqRFAM4ptQehVVyQ3");
        assertEquals("rUZc1twmEgyCkGKso7hiVHo9brQtXhhWRn", first.address());
        String challenge = graphql.operation("auth/RequestSignInChallenge", Map.of("address", first.address()))
                .data("requestSignInChallenge.challenge");

        GraphQLResponse signedIn = graphql.mutation("auth/SignIn", Map.of("address", first.address(),
                "publicKey", first.publicKey(), "signature", first.sign(challenge), "challenge", challenge), null);

        String key = signedIn.data("signIn.apiKey");
        assertEquals(first.address(), graphql.send("{ viewer { address } }", Map.of(), key).data("viewer.address"));
    }

    @Test
    void aDozenUsersAndSeveralPools() {
        assertEquals(12, count("users"));
        assertEquals(5, count("pools"));
    }

    @Test
    void applicationsInEveryStateAndLoansInEveryState() {
        assertEquals(Set.of("PENDING", "APPROVED", "REJECTED", "EXPIRED"), states("applications"));
        assertEquals(Set.of("ONGOING", "PAID", "DEFAULTED"), states("loans"));
        GraphQLResponse overdue = graphql.document("{ loans(filter: {overdue: true}) { totalCount } }", Map.of());
        assertTrue((int) overdue.data("loans.totalCount") >= 1);
        GraphQLResponse balances = graphql.document("{ users { nodes { mptBalances { mptId } } } }", Map.of());
        List<Map<String, Object>> users = balances.data("users.nodes");
        assertTrue(users.stream().anyMatch(user -> !((List<?>) user.get("mptBalances")).isEmpty()));
    }

    @Test
    void everyPoolBalanceReconcilesWithItsLoans() {
        List<Map<String, Object>> pools = graphql.document(LOANS, Map.of()).data("pools.nodes");
        for (Map<String, Object> pool : pools) {
            BigDecimal lentOut = BigDecimal.ZERO;
            BigDecimal earned = BigDecimal.ZERO;
            for (Map<?, ?> loan : nodes(pool.get("loans"))) {
                if ("PAID".equals(loan.get("state"))) {
                    earned = earned.add(new BigDecimal((String) loan.get("interest")));
                } else {
                    lentOut = lentOut.add(new BigDecimal((String) loan.get("principal")));
                }
            }
            BigDecimal total = new BigDecimal((String) pool.get("totalBalance"));
            assertEquals(0, total.subtract(lentOut).compareTo(new BigDecimal((String) pool.get("currentBalance"))),
                    pool::toString);
            assertEquals(0, earned.compareTo(new BigDecimal((String) pool.get("interestEarned"))), pool::toString);
        }
    }

    @Test
    void loadingAgainChangesNothing() {
        assertFalse(sample.load().block());
        assertEquals(12, count("users"));
    }

    private int count(String connection) {
        return graphql.document("{ " + connection + " { totalCount } }", Map.of()).data(connection + ".totalCount");
    }

    private Set<Object> states(String connection) {
        List<Map<String, Object>> nodes = graphql.document("{ " + connection + "(first: 100) { nodes { state } } }",
                Map.of()).data(connection + ".nodes");
        return nodes.stream().map(node -> node.get("state")).collect(Collectors.toSet());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<?, ?>> nodes(Object connection) {
        return (List<Map<?, ?>>) ((Map<?, ?>) connection).get("nodes");
    }
}
