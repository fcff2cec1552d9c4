package io.lendx.pool;

import io.lendx.paging.Conditions;
import io.lendx.paging.KeysetQueries;
import io.lendx.paging.Ordering;
import io.lendx.paging.Direction;
import io.lendx.paging.Page;
import io.lendx.paging.PageRequest;
import io.lendx.paging.Projection;
import io.lendx.paging.SortField;
import io.lendx.paging.Table;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.r2dbc.annotation.R2dbcRepository;
import io.micronaut.data.repository.reactive.ReactorCrudRepository;
import io.r2dbc.spi.Row;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

@R2dbcRepository(dialect = Dialect.POSTGRES)
public abstract class PoolRepository implements ReactorCrudRepository<Pool, String> {

    static final Table<Pool> TABLE = new Table<>("pools", "pool_address", Pool::address, PoolRepository::fromRow,
            Set.of("pool_address", "issuer_address", "duration_days"),
            Table.fieldColumns(List.of("total_balance", "current_balance", "interest_earned", "minimum_loan",
                    "interest_rate", "tx_hash", "created_at", "updated_at"), Map.of()));
    static final SortField<Pool> CREATED_AT = SortField.instant("pools.CREATED_AT", "created_at", Pool::createdAt);
    static final SortField<Pool> ADDRESS = SortField.text("pools.ADDRESS", "pool_address", Pool::address);
    static final SortField<Pool> INTEREST_RATE =
            SortField.decimal("pools.INTEREST_RATE", "interest_rate", Pool::interestRate);
    /** Relation connections list children oldest first. */
    static final Ordering<Pool> OLDEST_FIRST = new Ordering<>(CREATED_AT, Direction.ASC);

    private final KeysetQueries keyset;

    protected PoolRepository(KeysetQueries keyset) {
        this.keyset = keyset;
    }

    /** One statement for a whole DataLoader batch, bound as one array however many keys it has. */
    public Flux<Pool> findByAddressIn(Collection<String> addresses) {
        return findByAddressIn(addresses, Projection.ALL);
    }

    Flux<Pool> findByAddressIn(Collection<String> addresses, Projection projection) {
        return keyset.findWhereIn(TABLE, "pool_address", addresses, projection);
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

    Mono<Map<String, Page<Pool>>> findPagesByIssuers(Collection<String> issuers, PageRequest<Pool> page,
                                                     Projection projection) {
        return keyset.pagesByParent(TABLE, "issuer_address", Pool::issuerAddress, issuers, Conditions.where(), page,
                projection);
    }

    public Mono<Map<String, Long>> countByIssuers(Collection<String> issuers) {
        return keyset.countByParent(TABLE, "issuer_address", issuers, Conditions.where());
    }

    static SortField<Pool> sortField(String name) {
        return switch (name) {
            case "ADDRESS" -> ADDRESS;
            case "INTEREST_RATE" -> INTEREST_RATE;
            default -> CREATED_AT;
        };
    }

    private static Conditions conditions(PoolFilter filter) {
        return Conditions.where().equal("issuer_address", filter.issuerAddress());
    }

    private static Pool fromRow(Row row) {
        return new Pool(
                row.get("pool_address", String.class),
                row.get("issuer_address", String.class),
                row.get("total_balance", BigDecimal.class),
                row.get("current_balance", BigDecimal.class),
                row.get("interest_earned", BigDecimal.class),
                row.get("minimum_loan", BigDecimal.class),
                row.get("duration_days", Integer.class),
                row.get("interest_rate", BigDecimal.class),
                row.get("tx_hash", String.class),
                row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class));
    }
}
