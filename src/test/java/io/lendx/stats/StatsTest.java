package io.lendx.stats;

import io.lendx.application.ApplicationState;
import io.lendx.support.Actors;
import io.lendx.support.Actors.Actor;
import io.lendx.support.DatabaseTest;
import io.lendx.support.Fixtures;
import io.lendx.support.GraphQLClient;
import io.lendx.support.GraphQLResponse;
import io.lendx.support.MutableClock;
import io.lendx.support.StatementCounter;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.lendx.support.Actors.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Every statistic against an independent SQL computation, on a marketplace built through the API:
 * pools of different sizes, loans ongoing, paid and defaulted, applications in every state.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatsTest extends DatabaseTest {

    private static final String MARKETPLACE = """
            { marketplaceStats { asOf users pools totalLiquidity availableLiquidity outstandingPrincipal
                loans { ongoing paid defaulted } applications { pending approved rejected expired }
                defaultRate interestEarned } }""";
    private static final String POOL_STATS = """
            query($first: Int) { pools(first: $first) { nodes { address stats { utilization outstandingPrincipal
                loans { ongoing paid defaulted } applications { pending approved rejected expired }
                defaultRate interestEarned } } } }""";

    @Inject
    GraphQLClient graphql;
    @Inject
    Actors actors;
    @Inject
    MutableClock clock;
    @Inject
    StatementCounter statements;
    @Inject
    Fixtures fixtures;

    private final List<String> pools = new ArrayList<>();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        // The SQL aggregates themselves, computed on every request.
        properties.put("lendx.cache.enabled", "false");
        properties.put("lendx.test.count-statements", "true");
        return properties;
    }

    @BeforeAll
    void aVariedMarketplace() {
        Actor lender = actors.register();
        Actor borrower = actors.register();
        pools.add(actors.pool(lender, "10000"));
        pools.add(actors.pool(lender, "2500.5"));
        pools.add(actors.pool(lender, "777"));
        String paid = actors.approve(lender, actors.apply(borrower, pools.get(0), "1000"));
        graphql.mutation("loan/RepayLoan", input("loanAddress", paid), borrower.apiKey());
        String defaulted = actors.approve(lender, actors.apply(borrower, pools.get(0), "2000"));
        actors.approve(lender, actors.apply(borrower, pools.get(1), "1500.25"));
        actors.apply(borrower, pools.get(1), "300");
        graphql.mutation("application/RejectApplication", input("applicationAddress",
                actors.apply(borrower, pools.get(0), "400")), lender.apiKey());
        actors.apply(borrower, pools.get(0), "500");
        clock.advance(Duration.ofDays(31));
        graphql.mutation("loan/MarkLoanDefaulted", input("loanAddress", defaulted), lender.apiKey());
        fixtures.application(fixtures.user(), fixtures.pool(fixtures.user()), ApplicationState.EXPIRED);
    }

    @Test
    void theMarketplaceNumbersAreTheDatabases() {
        GraphQLResponse response = graphql.send(MARKETPLACE, Map.of(), null);
        Map<String, Object> stats = response.data("marketplaceStats");

        assertEquals(count("SELECT count(*) FROM users"), ((Number) stats.get("users")).longValue());
        assertEquals(count("SELECT count(*) FROM pools"), ((Number) stats.get("pools")).longValue());
        assertDecimal(decimal("SELECT sum(total_balance) FROM pools"), stats.get("totalLiquidity"));
        assertDecimal(decimal("SELECT sum(current_balance) FROM pools"), stats.get("availableLiquidity"));
        assertDecimal(decimal("SELECT sum(principal) FROM loans WHERE state = 'ONGOING'"),
                stats.get("outstandingPrincipal"));
        assertDecimal(decimal("SELECT sum(interest_earned) FROM pools"), stats.get("interestEarned"));
        assertEquals(loanCounts(""), stats.get("loans"));
        assertEquals(applicationCounts(""), stats.get("applications"));
        assertDecimal(defaultRate(""), stats.get("defaultRate"));
        assertEquals(clock.instant().toString().substring(0, 19), ((String) stats.get("asOf")).substring(0, 19));
    }

    @Test
    void eachPoolsNumbersAreTheDatabases() {
        List<Map<String, Object>> nodes = graphql.send(POOL_STATS, Map.of("first", 100), null).data("pools.nodes");

        for (Map<String, Object> node : nodes) {
            String pool = (String) node.get("address");
            @SuppressWarnings("unchecked")
            Map<String, Object> stats = (Map<String, Object>) node.get("stats");
            String where = " AND pool_address = '" + pool + "'";
            BigDecimal current = decimal("SELECT current_balance FROM pools WHERE pool_address = ?", pool);
            BigDecimal total = decimal("SELECT total_balance FROM pools WHERE pool_address = ?", pool);
            assertDecimal(BigDecimal.ONE.subtract(current.divide(total, 20, RoundingMode.HALF_UP))
                    .setScale(6, RoundingMode.HALF_UP), stats.get("utilization"));
            BigDecimal outstanding = decimal("SELECT coalesce(sum(principal), 0) FROM loans WHERE state = 'ONGOING'"
                    + where);
            assertDecimal(outstanding, stats.get("outstandingPrincipal"));
            assertDecimal(decimal("SELECT interest_earned FROM pools WHERE pool_address = ?", pool),
                    stats.get("interestEarned"));
            assertEquals(loanCounts(where), stats.get("loans"), pool);
            assertEquals(applicationCounts(where), stats.get("applications"), pool);
            assertDecimal(defaultRate(where), stats.get("defaultRate"));
        }
        Map<String, Object> untouched = nodes.stream().filter(node -> pools.get(2).equals(node.get("address")))
                .findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> stats = (Map<String, Object>) untouched.get("stats");
        assertEquals("0.000000", stats.get("utilization"));
        assertNull(stats.get("defaultRate"), "no loan of this pool has closed");
    }

    @Test
    void theStatsOfAPageOfPoolsAreOneStatement() {
        statements.reset();
        graphql.send(POOL_STATS, Map.of("first", 1), null).data("pools.nodes");
        int forOne = statements.count();
        statements.reset();
        graphql.send(POOL_STATS, Map.of("first", 3), null).data("pools.nodes");

        assertEquals(forOne, statements.count(), "the page and one stats statement, whatever the page size");
        assertEquals(2, forOne, "the page of pools, then their stats");
    }

    private Map<String, Object> loanCounts(String where) {
        return Map.of("ongoing", (int) count("SELECT count(*) FROM loans WHERE state = 'ONGOING'" + where),
                "paid", (int) count("SELECT count(*) FROM loans WHERE state = 'PAID'" + where),
                "defaulted", (int) count("SELECT count(*) FROM loans WHERE state = 'DEFAULTED'" + where));
    }

    private Map<String, Object> applicationCounts(String where) {
        return Map.of("pending", (int) count("SELECT count(*) FROM applications WHERE state = 'PENDING'" + where),
                "approved", (int) count("SELECT count(*) FROM applications WHERE state = 'APPROVED'" + where),
                "rejected", (int) count("SELECT count(*) FROM applications WHERE state = 'REJECTED'" + where),
                "expired", (int) count("SELECT count(*) FROM applications WHERE state = 'EXPIRED'" + where));
    }

    /** DEFAULTED ÷ (PAID + DEFAULTED), six decimals half up; null while no loan has closed. */
    private BigDecimal defaultRate(String where) {
        long defaulted = count("SELECT count(*) FROM loans WHERE state = 'DEFAULTED'" + where);
        long closed = defaulted + count("SELECT count(*) FROM loans WHERE state = 'PAID'" + where);
        return closed == 0 ? null : BigDecimal.valueOf(defaulted).divide(BigDecimal.valueOf(closed), 6,
                RoundingMode.HALF_UP);
    }

    private static void assertDecimal(BigDecimal expected, Object actual) {
        if (expected == null) {
            assertNull(actual);
            return;
        }
        assertEquals(0, expected.compareTo(new BigDecimal((String) actual)), () -> expected + " ≠ " + actual);
    }
}
