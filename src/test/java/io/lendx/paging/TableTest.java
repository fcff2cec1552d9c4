package io.lendx.paging;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which columns a projected read selects, without a database. */
class TableTest {

    private static final Table<String> LOANS = new Table<>("loans", "loan_address", loan -> loan, row -> "loan",
            Set.of("loan_address", "state"),
            Table.fieldColumns(List.of("principal", "interest", "end_date", "created_at"),
                    Map.of("totalAmountDue", List.of("principal", "interest"))));

    @Test
    void eachColumnServesTheFieldOfItsCamelCaseName() {
        assertEquals(Map.of("principal", List.of("principal"), "interest", List.of("interest"),
                        "endDate", List.of("end_date"), "createdAt", List.of("created_at"),
                        "totalAmountDue", List.of("principal", "interest")),
                Table.fieldColumns(List.of("principal", "interest", "end_date", "created_at"),
                        Map.of("totalAmountDue", List.of("principal", "interest"))));
    }

    @Test
    void aProjectionReadsTheAlwaysReadColumnsTheKeyAndWhatTheFieldsNeed() {
        assertEquals(Set.of("loan_address", "state", "principal", "interest", "end_date"),
                Set.of(LOANS.projection(List.of("totalAmountDue", "endDate", "borrower", "__typename"))
                        .selectList().split(", ")));
        assertEquals(Set.of("loan_address", "state"), Set.of(LOANS.projection(List.of()).selectList().split(", ")));
    }
}
