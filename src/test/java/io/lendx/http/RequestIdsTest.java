package io.lendx.http;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ids {@link RequestIdFilter} gives requests that bring none: random version 4 UUIDs. */
class RequestIdsTest {

    @Test
    void idsAreRandomVersionFourUuidsAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIdFilter.newId();
            UUID parsed = UUID.fromString(id);
            assertEquals(4, parsed.version(), id);
            assertEquals(2, parsed.variant(), id);
            assertEquals(parsed.toString(), id);
            assertTrue(seen.add(id), "repeated " + id);
        }
    }
}
