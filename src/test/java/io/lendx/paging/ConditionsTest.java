package io.lendx.paging;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** WHERE clauses from fixed fragments, values always bound. No application context. */
class ConditionsTest {

    @Test
    void noConditionIsAlwaysTrue() {
        Conditions none = Conditions.where();

        assertEquals("TRUE", none.sql());
        assertEquals(List.of(), none.values());
    }

    @Test
    void anAbsentFilterAddsNothing() {
        Conditions conditions = Conditions.where().equal("issuer_address", null).equal("state", "ONGOING");

        assertEquals("(state = ?)", conditions.sql());
        assertEquals(List.of("ONGOING"), conditions.values());
    }

    @Test
    void fragmentsAreParenthesisedAndJoinedWithAnd() {
        Conditions conditions = Conditions.where()
                .add("a = ? OR b = ?", 1, 2)
                .equal("c", "x");

        assertEquals("(a = ? OR b = ?) AND (c = ?)", conditions.sql());
        assertEquals(List.of(1, 2, "x"), conditions.values());
    }

    @Test
    void aCopyGrowsApart() {
        Conditions original = Conditions.where().equal("a", 1);
        Conditions copy = original.copy().equal("b", 2);

        assertEquals("(a = ?)", original.sql());
        assertEquals("(a = ?) AND (b = ?)", copy.sql());
    }

    @Test
    void placeholdersAreNumberedForPostgreSql() {
        assertEquals("SELECT * FROM t WHERE (a = $1) AND (b = $2) LIMIT $3",
                Conditions.numbered("SELECT * FROM t WHERE (a = ?) AND (b = ?) LIMIT ?"));
        assertEquals("SELECT 1", Conditions.numbered("SELECT 1"));
    }
}
