package io.lendx.execution;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A result object reads as the insertion-ordered map graphql-java's default would build. */
class ResponseObjectTest {

    private final List<String> keys = List.of("id", "note", "owner");
    private final List<Object> values = Arrays.asList(7, null, Map.of("id", 1));

    @Test
    void readsAsTheDefaultMapDoes() {
        Map<String, Object> ours = ResponseObject.FACTORY.createInsertionOrdered(keys, values);
        Map<String, Object> theirs = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            theirs.put(keys.get(i), values.get(i));
        }
        assertEquals(theirs, ours);
        assertEquals(ours, theirs);
        assertEquals(theirs.hashCode(), ours.hashCode());
        assertEquals(theirs.toString(), ours.toString());
        assertEquals(new ArrayList<>(theirs.keySet()), new ArrayList<>(ours.keySet()));
        assertEquals(7, ours.get("id"));
        assertNull(ours.get("note"));
        assertTrue(ours.containsKey("note"));
        assertFalse(ours.containsKey("other"));
    }

    @Test
    void isReadOnlyAndTakesAValuePerKey() {
        Map<String, Object> object = ResponseObject.FACTORY.createInsertionOrdered(keys, values);
        assertThrows(UnsupportedOperationException.class, () -> object.put("id", 8));
        assertThrows(IllegalArgumentException.class,
                () -> ResponseObject.FACTORY.createInsertionOrdered(keys, List.of(1)));
    }

    @Test
    void keepsTheValuesItWasGivenWhenTheFactoryIsItsOwn() {
        Object[] given = {1, 2, 3};
        Map<String, Object> object = ResponseObject.of(ResponseObject.FACTORY, keys, given);
        given[0] = 9;
        assertEquals(9, object.get("id"), "no copy was made");
    }
}
