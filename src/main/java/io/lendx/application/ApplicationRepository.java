package io.lendx.application;

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

import java.time.Instant;

@R2dbcRepository(dialect = Dialect.POSTGRES)
public abstract class ApplicationRepository implements ReactorCrudRepository<LoanApplication, String> {

    public static final Table<LoanApplication> TABLE = Table.of(LoanApplication.class)
            .alwaysRead("borrower_address", "pool_address", "state")
            .sortableBy("createdAt", "address", "dissolutionDate")
            .build();

    private final KeysetQueries keyset;

    protected ApplicationRepository(KeysetQueries keyset) {
        this.keyset = keyset;
    }

    /** PENDING → APPROVED while still before the dissolution date; 0 rows if anything else won. */
    @Query("UPDATE applications SET state = 'APPROVED', updated_at = :now"
            + " WHERE application_address = :address AND state = 'PENDING' AND dissolution_date > :now")
    public abstract Mono<Long> approve(String address, Instant now);

    @Query("UPDATE applications SET state = 'REJECTED', updated_at = :now"
            + " WHERE application_address = :address AND state = 'PENDING'")
    public abstract Mono<Long> reject(String address, Instant now);

    /** Whether any PENDING application is past its dissolution date. */
    @Query("SELECT EXISTS (SELECT 1 FROM applications WHERE state = 'PENDING' AND dissolution_date <= :now)")
    public abstract Mono<Boolean> anyDue(Instant now);

    /**
     * PENDING → EXPIRED past the dissolution date, announcing each expired application to
     * subscribers in the same statement (the payload of {@code io.lendx.subscription.Change}).
     */
    @Query("WITH expired AS (UPDATE applications SET state = 'EXPIRED', updated_at = :now"
            + " WHERE state = 'PENDING' AND dissolution_date <= :now"
            + " RETURNING application_address, pool_address, borrower_address)"
            + " SELECT count(*) FROM expired, LATERAL (SELECT pg_notify('lendx_changes', json_build_object("
            + "'type', 'APPLICATION', 'address', application_address, 'poolAddress', pool_address,"
            + " 'borrowerAddress', borrower_address)::text)) AS notice")
    public abstract Mono<Long> expirePending(Instant now);

    public Mono<Page<LoanApplication>> findPage(ApplicationFilter filter, PageRequest<LoanApplication> page) {
        return keyset.page(TABLE, conditions(filter), page);
    }

    public Mono<Long> countMatching(ApplicationFilter filter) {
        return keyset.count(TABLE, conditions(filter));
    }

    private static Conditions conditions(ApplicationFilter filter) {
        return Conditions.where()
                .equal("state", filter.state())
                .equal("pool_address", filter.poolAddress())
                .equal("borrower_address", filter.borrowerAddress());
    }
}
