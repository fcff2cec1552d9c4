package io.lendx.execution;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Execution ids tell executions apart and read as version 4 UUIDs, as graphql-java's own do. */
class ExecutionIdsTest {

    private final ExecutionIds ids = new ExecutionIds();

    @Test
    void everyExecutionGetsAnIdOfItsOwn() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(ids.provide("{ pools { totalCount } }", null, null).toString());
        }
        assertEquals(10_000, seen.size());
    }

    @Test
    void anIdIsARandomUuid() {
        UUID id = UUID.fromString(ids.provide("{ __typename }", null, null).toString());
        assertEquals(4, id.version());
        assertEquals(2, id.variant());
    }
}
