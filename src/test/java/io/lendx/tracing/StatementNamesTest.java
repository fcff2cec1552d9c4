package io.lendx.tracing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StatementNamesTest {

    @Test
    void aStatementsSpanIsNamedByItsFirstWord() {
        assertEquals("SELECT", StatementTracing.operationOf("SELECT page.* FROM unnest($1::text[])"));
        assertEquals("INSERT", StatementTracing.operationOf("\n  insert into users (address) values ($1)"));
        assertEquals("WITH", StatementTracing.operationOf("WITH moved AS (UPDATE pools SET x = $1) SELECT 1"));
        assertEquals("SQL", StatementTracing.operationOf("  "));
    }
}
