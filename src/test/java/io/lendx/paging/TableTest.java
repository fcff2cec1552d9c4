package io.lendx.paging;

import io.lendx.audit.AuditEvent;
import io.lendx.loan.Loan;
import io.lendx.loan.LoanRepository;
import io.lendx.loan.LoanState;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a table description reads from its entity record, without a database. */
class TableTest {

    private static final Table<Loan> LOANS = LoanRepository.TABLE;

    @Test
    void theNamesComeFromTheMappedEntity() {
        assertEquals("loans", LOANS.name());
        assertEquals("loan_address", LOANS.keyColumn());
        Table<AuditEvent> audit = Table.of(AuditEvent.class).build();
        assertEquals("audit_events", audit.name());
        assertEquals("event_id", audit.keyColumn());
    }

    @Test
    void aProjectionReadsTheAlwaysReadColumnsTheKeyAndWhatTheFieldsNeed() {
        assertEquals(Set.of("loan_address", "pool_address", "borrower_address", "lender_address",
                        "application_address", "state", "principal", "interest", "end_date", "created_at"),
                Set.of(LOANS.projection(Set.of("totalAmountDue", "endDate", "createdAt", "borrower", "__typename"))
                        .selectList().split(", ")));
        assertEquals(Set.of("loan_address", "pool_address", "borrower_address", "lender_address",
                        "application_address", "state"),
                Set.of(LOANS.projection(Set.of()).selectList().split(", ")));
    }

    @Test
    void theSameFieldsGetTheProjectionWorkedOutBeforeHoweverTheyAreHeld() {
        Projection first = LOANS.projection(new HashSet<>(List.of("principal", "endDate")));
        assertSame(first, LOANS.projection(Set.of("endDate", "principal")));
        assertNotSame(first, LOANS.projection(Set.of("endDate", "principal", "interest")));
        assertSame(first.with("created_at"), first.with("created_at"));
        assertSame(first, first.with("end_date"), "a column it reads already");
    }

    @Test
    void aProjectionWritesEachStatementOnceAndKeepsStatementsOfOtherShapesApart() {
        Projection projection = LOANS.projection(Set.of("principal"));
        List<String> written = new ArrayList<>();
        Function<String, String> sql = column -> {
            written.add(column);
            return "SELECT " + projection.selectList() + " WHERE " + column;
        };
        String byPool = projection.statement("pool_address", sql);
        assertSame(byPool, projection.statement("pool_address", sql));
        assertTrue(projection.statement("borrower_address", sql).endsWith("WHERE borrower_address"));
        assertEquals(List.of("pool_address", "borrower_address"), written);
    }

    @Test
    void sortFieldsAreNamedAsTheOrderByEnumAndQualifiedByTheTable() {
        SortField<Loan> endDate = LOANS.sortField("END_DATE");
        assertEquals("loans.END_DATE", endDate.name());
        assertEquals("end_date", endDate.column());
        assertEquals(Instant.class, endDate.type());
        assertEquals("loan_address", LOANS.sortField("ADDRESS").column());
        assertThrows(IllegalArgumentException.class, () -> LOANS.sortField("PRINCIPAL"));
    }

    @Test
    void aRowBecomesTheRecordWithEnumsFromTextAndMissingColumnsNull() {
        Instant end = Instant.parse("2026-06-01T00:00:00Z");
        Row row = new MapRow(Map.of("loan_address", "rLoan", "pool_address", "rPool", "borrower_address", "rB",
                "lender_address", "rL", "principal", new BigDecimal("10.000000"), "end_date", end, "state", "ONGOING"));

        Loan loan = LOANS.mapper().apply(row);

        assertEquals(new Loan("rLoan", "rPool", "rB", "rL", null, new BigDecimal("10.000000"), null, null, end,
                LoanState.ONGOING, null, null, null), loan);
        assertEquals("rPool", LOANS.text("pool_address").apply(loan));
        assertThrows(IllegalArgumentException.class, () -> LOANS.text("principal"));
    }

    @Test
    void aProjectedRowIsReadByPositionInTheOrderOfTheSelectList() {
        Projection projection = LOANS.projection(Set.of("principal", "endDate"));
        Instant end = Instant.parse("2026-06-01T00:00:00Z");
        Map<String, Object> values = Map.of("loan_address", "rLoan", "pool_address", "rPool", "borrower_address", "rB",
                "lender_address", "rL", "application_address", "rApp", "principal", new BigDecimal("10.000000"),
                "end_date", end, "state", "PAID");
        List<Object> selected = Arrays.stream(projection.selectList().split(", ")).map(values::get).toList();

        Loan loan = projection.mapper(LOANS).apply(new ListRow(selected));

        assertEquals(new Loan("rLoan", "rPool", "rB", "rL", "rApp", new BigDecimal("10.000000"), null, null, end,
                LoanState.PAID, null, null, null), loan);
        assertSame(projection.mapper(LOANS), projection.mapper(LOANS));
    }

    /** A row of a projected read's columns, by position only. */
    private record ListRow(List<Object> columns) implements Row {

        @Override
        public <T> T get(int index, Class<T> type) {
            return type.cast(columns.get(index));
        }

        @Override
        public <T> T get(String name, Class<T> type) {
            throw new UnsupportedOperationException("read by name: " + name);
        }

        @Override
        public RowMetadata getMetadata() {
            throw new UnsupportedOperationException();
        }
    }

    /** A row that has only the given columns, as a projected read returns. */
    private record MapRow(Map<String, Object> columns) implements Row {

        @Override
        public <T> T get(int index, Class<T> type) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> T get(String name, Class<T> type) {
            return type.cast(columns.get(name));
        }

        @Override
        public RowMetadata getMetadata() {
            throw new UnsupportedOperationException();
        }
    }
}
