package io.lendx.application;

import io.lendx.paging.Conditions;
import io.lendx.paging.Direction;
import io.lendx.paging.KeysetQueries;
import io.lendx.paging.Ordering;
import io.lendx.paging.Page;
import io.lendx.paging.PageRequest;
import io.lendx.paging.Projection;
import io.lendx.paging.SortField;
import io.lendx.paging.Table;
import io.micronaut.core.annotation.Nullable;
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
public abstract class ApplicationRepository implements ReactorCrudRepository<LoanApplication, String> {

    static final Table<LoanApplication> TABLE = new Table<>("applications", "application_address",
            LoanApplication::address, ApplicationRepository::fromRow,
            Set.of("application_address", "borrower_address", "pool_address", "state"),
            Table.fieldColumns(List.of("principal", "offered_collateral", "application_date", "dissolution_date",
                    "tx_hash", "created_at", "updated_at"), Map.of()));
    static final SortField<LoanApplication> CREATED_AT =
            SortField.instant("applications.CREATED_AT", "created_at", LoanApplication::createdAt);
    static final SortField<LoanApplication> ADDRESS =
            SortField.text("applications.ADDRESS", "application_address", LoanApplication::address);
    static final SortField<LoanApplication> DISSOLUTION_DATE =
            SortField.instant("applications.DISSOLUTION_DATE", "dissolution_date", LoanApplication::dissolutionDate);
    /** Relation connections list children oldest first. */
    static final Ordering<LoanApplication> OLDEST_FIRST = new Ordering<>(CREATED_AT, Direction.ASC);

    private final KeysetQueries keyset;

    protected ApplicationRepository(KeysetQueries keyset) {
        this.keyset = keyset;
    }

    /** One statement for a whole DataLoader batch, bound as one array however many keys it has. */
    public Flux<LoanApplication> findByAddressIn(Collection<String> addresses) {
        return findByAddressIn(addresses, Projection.ALL);
    }

    Flux<LoanApplication> findByAddressIn(Collection<String> addresses, Projection projection) {
        return keyset.findWhereIn(TABLE, "application_address", addresses, projection);
    }

    /** PENDING → APPROVED while still before the dissolution date; 0 rows if anything else won. */
    @Query("UPDATE applications SET state = 'APPROVED', updated_at = :now"
            + " WHERE application_address = :address AND state = 'PENDING' AND dissolution_date > :now")
    public abstract Mono<Long> approve(String address, Instant now);

    @Query("UPDATE applications SET state = 'REJECTED', updated_at = :now"
            + " WHERE application_address = :address AND state = 'PENDING'")
    public abstract Mono<Long> reject(String address, Instant now);

    @Query("UPDATE applications SET state = 'EXPIRED', updated_at = :now"
            + " WHERE state = 'PENDING' AND dissolution_date <= :now")
    public abstract Mono<Long> expirePending(Instant now);

    public Mono<Page<LoanApplication>> findPage(ApplicationFilter filter, PageRequest<LoanApplication> page) {
        return keyset.page(TABLE, conditions(filter), page);
    }

    public Mono<Long> countMatching(ApplicationFilter filter) {
        return keyset.count(TABLE, conditions(filter));
    }

    Mono<Map<String, Page<LoanApplication>>> findPagesByParents(ApplicationParent parent, Collection<String> keys,
                                                               @Nullable ApplicationState state,
                                                               PageRequest<LoanApplication> page,
                                                               Projection projection) {
        return keyset.pagesByParent(TABLE, parent.column, parent.key, keys,
                Conditions.where().equal("state", state), page, projection);
    }

    Mono<Map<String, Long>> countByParents(ApplicationParent parent, Collection<String> keys,
                                           @Nullable ApplicationState state) {
        return keyset.countByParent(TABLE, parent.column, keys, Conditions.where().equal("state", state));
    }

    static SortField<LoanApplication> sortField(String name) {
        return switch (name) {
            case "ADDRESS" -> ADDRESS;
            case "DISSOLUTION_DATE" -> DISSOLUTION_DATE;
            default -> CREATED_AT;
        };
    }

    private static Conditions conditions(ApplicationFilter filter) {
        return Conditions.where()
                .equal("state", filter.state())
                .equal("pool_address", filter.poolAddress())
                .equal("borrower_address", filter.borrowerAddress());
    }

    private static LoanApplication fromRow(Row row) {
        return new LoanApplication(
                row.get("application_address", String.class),
                row.get("borrower_address", String.class),
                row.get("pool_address", String.class),
                ApplicationState.valueOf(row.get("state", String.class)),
                row.get("principal", BigDecimal.class),
                row.get("offered_collateral", BigDecimal.class),
                row.get("application_date", Instant.class),
                row.get("dissolution_date", Instant.class),
                row.get("tx_hash", String.class),
                row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class));
    }
}
