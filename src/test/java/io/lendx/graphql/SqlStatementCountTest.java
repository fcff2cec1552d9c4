package io.lendx.graphql;

import io.lendx.application.ApplicationState;
import io.lendx.application.LoanApplication;
import io.lendx.loan.LoanState;
import io.lendx.pool.Pool;
import io.lendx.support.DatabaseTest;
import io.lendx.support.Fixtures;
import io.lendx.support.GraphQLClient;
import io.lendx.support.GraphQLResponse;
import io.lendx.support.StatementCounter;
import io.lendx.user.User;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The N+1 guard: a nested query costs one statement per relation level, however many rows it
 * returns. Relations resolve through DataLoaders, so a regression here means a fetcher went
 * around them.
 */
@MicronautTest(transactional = false)
class SqlStatementCountTest extends DatabaseTest {

    /**
     * The pools page and its count; the issuers; the loan pages and the application pages; their
     * two counts; all borrowers, lenders and applicants at once; the loans' applications. (The
     * applications' borrowers are already in the user loader's cache.)
     */
    private static final int STATEMENTS_PER_OVERVIEW = 9;

    @Inject
    Fixtures fixtures;
    @Inject
    GraphQLClient graphql;
    @Inject
    StatementCounter statements;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(super.getProperties());
        properties.put("lendx.test.count-statements", "true");
        // Executions are counted here: a cached answer would run none.
        properties.put("lendx.cache.enabled", "false");
        return properties;
    }

    /**
     * How often each size is measured: batching used to depend on which R2DBC thread finished
     * first, and one run in five or so split a batch.
     */
    private static final int RUNS = 25;

    @Test
    void statementsDoNotGrowWithRows() {
        addMarket(2);
        Set<Integer> small = countStatements(4);

        addMarket(8);
        Set<Integer> large = countStatements(20);

        System.out.printf("MarketplaceOverview over %d runs: %s statements for 2 pools, %s for 10 pools%n",
                RUNS, small, large);
        assertEquals(Set.of(STATEMENTS_PER_OVERVIEW), small, "statements for 2 pools, every run");
        assertEquals(Set.of(STATEMENTS_PER_OVERVIEW), large, "statements for 10 pools, every run");
    }

    /** The distinct statement counts seen over {@link #RUNS} runs of the overview. */
    private Set<Integer> countStatements(int expectedLoans) {
        Set<Integer> counts = new TreeSet<>();
        for (int run = 0; run < RUNS; run++) {
            statements.reset();
            GraphQLResponse response = graphql.operation("marketplace/MarketplaceOverview", Map.of("first", 20));
            counts.add(statements.count());
            List<Map<String, Object>> pools = response.data("pools.nodes");
            int loans = pools.stream()
                    .mapToInt(pool -> ((List<?>) ((Map<?, ?>) pool.get("loans")).get("nodes")).size()).sum();
            assertEquals(expectedLoans, loans, "the query really walked every loan");
        }
        return counts;
    }

    private void addMarket(int poolCount) {
        for (int p = 0; p < poolCount; p++) {
            Pool pool = fixtures.pool(fixtures.user());
            for (int l = 0; l < 2; l++) {
                User borrower = fixtures.user();
                LoanApplication application = fixtures.application(borrower, pool, ApplicationState.APPROVED);
                fixtures.loan(pool, borrower, application, LoanState.ONGOING, Instant.parse("2099-01-01T00:00:00Z"));
                fixtures.application(fixtures.user(), pool, ApplicationState.PENDING);
            }
        }
    }
}
