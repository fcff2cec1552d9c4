package io.lendx.loan;

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
public abstract class LoanRepository implements ReactorCrudRepository<Loan, String> {

    static final Table<Loan> TABLE = new Table<>("loans", "loan_address", Loan::address, LoanRepository::fromRow,
            Set.of("loan_address", "pool_address", "borrower_address", "lender_address", "application_address", "state"),
            Table.fieldColumns(
                    List.of("principal", "interest", "start_date", "end_date", "tx_hash", "created_at", "updated_at"),
                    Map.of("totalAmountDue", List.of("principal", "interest"), "isOverdue", List.of("end_date"))));
    static final SortField<Loan> CREATED_AT = SortField.instant("loans.CREATED_AT", "created_at", Loan::createdAt);
    static final SortField<Loan> ADDRESS = SortField.text("loans.ADDRESS", "loan_address", Loan::address);
    static final SortField<Loan> END_DATE = SortField.instant("loans.END_DATE", "end_date", Loan::endDate);
    /** Relation connections list children oldest first. */
    static final Ordering<Loan> OLDEST_FIRST = new Ordering<>(CREATED_AT, Direction.ASC);

    private static final String OVERDUE = "state = 'ONGOING' AND end_date < ?";

    private final KeysetQueries keyset;

    protected LoanRepository(KeysetQueries keyset) {
        this.keyset = keyset;
    }

    /** One statement for a whole DataLoader batch, bound as one array however many keys it has. */
    public Flux<Loan> findByAddressIn(Collection<String> addresses) {
        return findByAddressIn(addresses, Projection.ALL);
    }

    Flux<Loan> findByAddressIn(Collection<String> addresses, Projection projection) {
        return keyset.findWhereIn(TABLE, "loan_address", addresses, projection);
    }

    public Flux<Loan> findByApplicationAddressIn(Collection<String> applicationAddresses) {
        return findByApplicationAddressIn(applicationAddresses, Projection.ALL);
    }

    Flux<Loan> findByApplicationAddressIn(Collection<String> applicationAddresses, Projection projection) {
        return keyset.findWhereIn(TABLE, "application_address", applicationAddresses, projection);
    }

    @Query("UPDATE loans SET state = 'PAID', updated_at = :now WHERE loan_address = :address AND state = 'ONGOING'")
    public abstract Mono<Long> markPaid(String address, Instant now);

    @Query("UPDATE loans SET state = 'DEFAULTED', updated_at = :now"
            + " WHERE loan_address = :address AND state = 'ONGOING' AND end_date < :now")
    public abstract Mono<Long> markDefaulted(String address, Instant now);

    /** {@code now} decides which loans count as overdue. */
    public Mono<Page<Loan>> findPage(LoanFilter filter, Instant now, PageRequest<Loan> page) {
        return keyset.page(TABLE, conditions(filter, now), page);
    }

    public Mono<Long> countMatching(LoanFilter filter, Instant now) {
        return keyset.count(TABLE, conditions(filter, now));
    }

    Mono<Map<String, Page<Loan>>> findPagesByParents(LoanParent parent, Collection<String> keys,
                                                    @Nullable LoanState state, PageRequest<Loan> page,
                                                    Projection projection) {
        return keyset.pagesByParent(TABLE, parent.column, parent.key, keys,
                Conditions.where().equal("state", state), page, projection);
    }

    Mono<Map<String, Long>> countByParents(LoanParent parent, Collection<String> keys, @Nullable LoanState state) {
        return keyset.countByParent(TABLE, parent.column, keys, Conditions.where().equal("state", state));
    }

    static SortField<Loan> sortField(String name) {
        return switch (name) {
            case "ADDRESS" -> ADDRESS;
            case "END_DATE" -> END_DATE;
            default -> CREATED_AT;
        };
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

    private static Loan fromRow(Row row) {
        return new Loan(
                row.get("loan_address", String.class),
                row.get("pool_address", String.class),
                row.get("borrower_address", String.class),
                row.get("lender_address", String.class),
                row.get("application_address", String.class),
                row.get("principal", BigDecimal.class),
                row.get("interest", BigDecimal.class),
                row.get("start_date", Instant.class),
                row.get("end_date", Instant.class),
                LoanState.valueOf(row.get("state", String.class)),
                row.get("tx_hash", String.class),
                row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class));
    }
}
