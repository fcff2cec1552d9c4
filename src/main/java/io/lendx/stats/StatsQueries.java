package io.lendx.stats;

import io.micronaut.data.r2dbc.operations.R2dbcOperations;
import io.r2dbc.spi.Readable;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The statistics as SQL aggregates: PostgreSQL counts and sums, exactly (NUMERIC), and rounds the
 * ratios to six decimals. The marketplace is one statement; the stats of any number of pools are
 * one statement too, so Pool.stats under a page of pools costs one query.
 */
@Singleton
public class StatsQueries {

    /** Per-state counts and the ONGOING principal, filtered by whatever WHERE clause follows. */
    private static final String LOAN_AGGREGATES = "count(*) FILTER (WHERE state = 'ONGOING') AS ongoing,"
            + " count(*) FILTER (WHERE state = 'PAID') AS paid,"
            + " count(*) FILTER (WHERE state = 'DEFAULTED') AS defaulted,"
            + " coalesce(sum(principal) FILTER (WHERE state = 'ONGOING'), 0) AS outstanding";
    private static final String APPLICATION_AGGREGATES = "count(*) FILTER (WHERE state = 'PENDING') AS pending,"
            + " count(*) FILTER (WHERE state = 'APPROVED') AS approved,"
            + " count(*) FILTER (WHERE state = 'REJECTED') AS rejected,"
            + " count(*) FILTER (WHERE state = 'EXPIRED') AS expired";
    private static final String DEFAULT_RATE = "round(l.defaulted::numeric / nullif(l.paid + l.defaulted, 0), 6)";

    private static final String MARKETPLACE = "SELECT (SELECT count(*) FROM users) AS users,"
            + " (SELECT count(*) FROM pools) AS pools,"
            + " (SELECT coalesce(sum(total_balance), 0) FROM pools) AS total_liquidity,"
            + " (SELECT coalesce(sum(current_balance), 0) FROM pools) AS available_liquidity,"
            + " (SELECT coalesce(sum(interest_earned), 0) FROM pools) AS interest_earned,"
            + " l.*, a.*, " + DEFAULT_RATE + " AS default_rate"
            + " FROM (SELECT " + LOAN_AGGREGATES + " FROM loans) l,"
            + " (SELECT " + APPLICATION_AGGREGATES + " FROM applications) a";

    private static final String POOLS = "SELECT p.pool_address,"
            + " round(1 - p.current_balance / p.total_balance, 6) AS utilization, p.interest_earned,"
            + " coalesce(l.ongoing, 0) AS ongoing, coalesce(l.paid, 0) AS paid,"
            + " coalesce(l.defaulted, 0) AS defaulted, coalesce(l.outstanding, 0) AS outstanding,"
            + " coalesce(a.pending, 0) AS pending, coalesce(a.approved, 0) AS approved,"
            + " coalesce(a.rejected, 0) AS rejected, coalesce(a.expired, 0) AS expired, "
            + DEFAULT_RATE + " AS default_rate"
            + " FROM pools p"
            + " LEFT JOIN (SELECT pool_address, " + LOAN_AGGREGATES + " FROM loans"
            + " WHERE pool_address = ANY($1::text[]) GROUP BY pool_address) l USING (pool_address)"
            + " LEFT JOIN (SELECT pool_address, " + APPLICATION_AGGREGATES + " FROM applications"
            + " WHERE pool_address = ANY($1::text[]) GROUP BY pool_address) a USING (pool_address)"
            + " WHERE p.pool_address = ANY($1::text[])";

    private final R2dbcOperations operations;

    public StatsQueries(R2dbcOperations operations) {
        this.operations = operations;
    }

    public Mono<MarketplaceStats> marketplace(Instant asOf) {
        return Flux.from(operations.withConnection(connection -> Flux.from(connection.createStatement(MARKETPLACE)
                                .execute())
                        .flatMap(result -> result.map(row -> new MarketplaceStats(asOf, count(row, "users"),
                                count(row, "pools"), row.get("total_liquidity", BigDecimal.class),
                                row.get("available_liquidity", BigDecimal.class),
                                row.get("outstanding", BigDecimal.class), loans(row), applications(row),
                                row.get("default_rate", BigDecimal.class),
                                row.get("interest_earned", BigDecimal.class))))))
                .single();
    }

    /** The stats of each of {@code pools} that exists, in one statement. */
    public Mono<Map<String, PoolStats>> pools(Collection<String> pools) {
        return Flux.from(operations.withConnection(connection -> Flux.from(connection.createStatement(POOLS)
                                .bind(0, pools.toArray(String[]::new)).execute())
                        .flatMap(result -> result.map(row -> Map.entry(row.get("pool_address", String.class),
                                new PoolStats(row.get("utilization", BigDecimal.class),
                                        row.get("outstanding", BigDecimal.class), loans(row), applications(row),
                                        row.get("default_rate", BigDecimal.class),
                                        row.get("interest_earned", BigDecimal.class)))))))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
    }

    private static LoanCounts loans(Readable row) {
        return new LoanCounts(count(row, "ongoing"), count(row, "paid"), count(row, "defaulted"));
    }

    private static ApplicationCounts applications(Readable row) {
        return new ApplicationCounts(count(row, "pending"), count(row, "approved"), count(row, "rejected"),
                count(row, "expired"));
    }

    private static int count(Readable row, String column) {
        return Math.toIntExact(row.get(column, Long.class));
    }
}
