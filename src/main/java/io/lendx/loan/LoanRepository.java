package io.lendx.loan;

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

import java.time.Clock;
import java.time.Instant;

@R2dbcRepository(dialect = Dialect.POSTGRES)
public abstract class LoanRepository implements ReactorCrudRepository<Loan, String> {

    public static final Table<Loan> TABLE = Table.of(Loan.class)
            .alwaysRead("pool_address", "borrower_address", "lender_address", "application_address", "state")
            .derived("totalAmountDue", "principal", "interest")
            .derived("isOverdue", "end_date")
            .sortableBy("createdAt", "address", "endDate")
            .build();

    private static final String OVERDUE = "state = 'ONGOING' AND end_date < ?";

    private final KeysetQueries keyset;
    /** Decides which loans the {@code overdue} filter counts as overdue. */
    private final Clock clock;

    protected LoanRepository(KeysetQueries keyset, Clock clock) {
        this.keyset = keyset;
        this.clock = clock;
    }

    @Query("UPDATE loans SET state = 'PAID', updated_at = :now WHERE loan_address = :address AND state = 'ONGOING'")
    public abstract Mono<Long> markPaid(String address, Instant now);

    @Query("UPDATE loans SET state = 'DEFAULTED', updated_at = :now"
            + " WHERE loan_address = :address AND state = 'ONGOING' AND end_date < :now")
    public abstract Mono<Long> markDefaulted(String address, Instant now);

    public Mono<Page<Loan>> findPage(LoanFilter filter, PageRequest<Loan> page) {
        return keyset.page(TABLE, conditions(filter, clock.instant()), page);
    }

    public Mono<Long> countMatching(LoanFilter filter) {
        return keyset.count(TABLE, conditions(filter, clock.instant()));
    }

    private static Conditions conditions(LoanFilter filter, Instant now) {
        Conditions conditions = Conditions.where()
                .equal("state", filter.state())
                .equal("pool_address", filter.poolAddress())
                .equal("borrower_address", filter.borrowerAddress())
                .equal("lender_address", filter.lenderAddress());
        if (filter.overdue() != null) {
            conditions.add(filter.overdue() ? OVERDUE : "NOT (" + OVERDUE + ")", now);
        }
        return conditions;
    }
}
