package io.lendx.paging;

import io.lendx.error.BadUserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A page holds 0 to 100 rows and takes only cursors of its own ordering. No application context. */
class PageRequestTest {

    private record Row(Instant createdAt, String name) {
    }

    private static final Ordering<Row> BY_TIME = new Ordering<>(
            SortField.instant("rows.CREATED_AT", "created_at", Row::createdAt), Direction.ASC);
    private static final Ordering<Row> BY_NAME = new Ordering<>(
            SortField.text("rows.NAME", "name", Row::name), Direction.ASC);

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 20, 100})
    void acceptsZeroToAHundredRows(int first) {
        assertEquals(first, PageRequest.of(first, null, BY_TIME).first());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 101, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void refusesOtherSizes(int first) {
        BadUserInputException refused = assertThrows(BadUserInputException.class,
                () -> PageRequest.of(first, null, BY_TIME));

        assertEquals("first must be between 0 and 100, was " + first, refused.getMessage());
    }

    @Test
    void takesACursorOfItsOwnOrdering() {
        String after = new Cursor(BY_TIME.id(), "2026-01-01T00:00:00Z", "k").encode();

        PageRequest<Row> page = assertDoesNotThrow(() -> PageRequest.of(20, after, BY_TIME));

        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), page.afterValue());
    }

    @Test
    void refusesACursorOfAnotherOrdering() {
        String after = new Cursor(BY_NAME.id(), "alice", "k").encode();

        BadUserInputException refused = assertThrows(BadUserInputException.class,
                () -> PageRequest.of(20, after, BY_TIME));

        assertEquals("The cursor belongs to a different ordering", refused.getMessage());
    }

    @Test
    void refusesACursorWhoseValueDoesNotParse() {
        PageRequest<Row> page = PageRequest.of(20, new Cursor(BY_TIME.id(), "yesterday", "k").encode(), BY_TIME);

        assertThrows(BadUserInputException.class, page::afterValue);
    }
}
