package io.lendx.graphql;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import io.lendx.error.BadUserInputException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Input objects bound to the records that mirror them, by component name. No application context. */
class ArgumentsTest {

    enum Colour { RED, GREEN }

    record Paint(String name, int coats, Colour colour, BigDecimal litres) {
        Paint {
            if (coats < 1) {
                throw new BadUserInputException("coats must be at least 1");
            }
        }
    }

    record Search(String name, Colour colour) {
    }

    @Test
    void bindsEachComponentByNameWithEnumsFromTheirNames() {
        Map<String, Object> input = new HashMap<>(Map.of("name", "sky", "coats", 2, "colour", "GREEN",
                "litres", new BigDecimal("1.5"), "notInTheRecord", "ignored"));

        Paint paint = Arguments.input(env(Map.of("input", input)), "input", Paint.class);

        assertEquals(new Paint("sky", 2, Colour.GREEN, new BigDecimal("1.5")), paint);
    }

    @Test
    void anAbsentInputIsNullAndAnAbsentFieldIsNull() {
        assertNull(Arguments.input(env(Map.of()), "input", Search.class));
        assertEquals(new Search("sky", null),
                Arguments.input(env(Map.of("input", Map.of("name", "sky"))), "input", Search.class));
    }

    @Test
    void anAbsentFilterLetsEverythingThrough() {
        assertEquals(new Search(null, null), Arguments.filter(env(Map.of()), Search.class));
        assertEquals(new Search(null, Colour.RED),
                Arguments.filter(env(Map.of("filter", Map.of("colour", "RED"))), Search.class));
    }

    @Test
    void theRecordsOwnRefusalReachesTheClientAsItIs() {
        Map<String, Object> input = Map.of("name", "sky", "coats", 0, "colour", "RED", "litres", BigDecimal.ONE);

        BadUserInputException refused = assertThrows(BadUserInputException.class,
                () -> Arguments.input(env(Map.of("input", input)), "input", Paint.class));

        assertEquals("coats must be at least 1", refused.getMessage());
    }

    private static DataFetchingEnvironment env(Map<String, Object> arguments) {
        return DataFetchingEnvironmentImpl.newDataFetchingEnvironment().arguments(arguments).build();
    }
}
