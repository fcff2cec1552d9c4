package io.lendx.pool;

import io.lendx.paging.Conditions;
import io.lendx.paging.KeysetQueries;
import io.lendx.paging.Page;
import io.lendx.paging.PageRequest;
import io.lendx.paging.Table;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.r2dbc.annotation.R2dbcRepository;
import io.micronaut.data.repository.reactive.ReactorCrudRepository;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Instant;

@R2dbcRepository(dialect = Dialect.POSTGRES)
public abstract class PoolRepository implements ReactorCrudRepository<Pool, String> {

    public static final Table<Pool> TABLE = Table.of(Pool.class)
            .alwaysRead("issuer_address", "duration_days")
            .sortableBy("createdAt", "address", "interestRate")
            .build();

    private final KeysetQueries keyset;

    protected PoolRepository(KeysetQueries keyset) {
        this.keyset = keyset;
    }

    /** Takes liquidity only if it is there: one conditional UPDATE, never read-modify-write. */
    @Query("UPDATE pools SET current_balance = current_balance - :amount, updated_at = :now"
            + " WHERE pool_address = :address AND current_balance >= :amount")
    public abstract Mono<Long> withdraw(String address, BigDecimal amount, Instant now);

    @Query("UPDATE pools SET current_balance = current_balance + :principal,"
            + " interest_earned = interest_earned + :interest, updated_at = :now WHERE pool_address = :address")
    public abstract Mono<Long> repay(String address, BigDecimal principal, BigDecimal interest, Instant now);

    public Mono<Page<Pool>> findPage(PoolFilter filter, PageRequest<Pool> page) {
        return keyset.page(TABLE, conditions(filter), page);
    }

    public Mono<Long> countMatching(PoolFilter filter) {
        return keyset.count(TABLE, conditions(filter));
    }

    private static Conditions conditions(PoolFilter filter) {
        return Conditions.where().equal("issuer_address", filter.issuerAddress());
    }
}
