package io.lendx.paging;

import io.lendx.error.BadUserInputException;
import io.micronaut.core.annotation.Nullable;

/**
 * A validated request for one page: at most {@link #MAX_PAGE_SIZE} rows after an optional
 * cursor, in one ordering. Equal requests can share one batched query.
 */
public record PageRequest<T>(int first, Ordering<T> ordering, @Nullable Cursor after) {

    public static final int MAX_PAGE_SIZE = 100;

    public PageRequest {
        if (!fits(first)) {
            throw outOfRange(first);
        }
        if (after != null && !after.ordering().equals(ordering.id())) {
            throw new BadUserInputException("The cursor belongs to a different ordering");
        }
    }

    /** Whether a page of {@code first} rows may be asked for: 0 to {@link #MAX_PAGE_SIZE}. */
    public static boolean fits(int first) {
        return first >= 0 && first <= MAX_PAGE_SIZE;
    }

    /** The refusal of a page size that does not {@link #fits fit}. */
    public static BadUserInputException outOfRange(int first) {
        return new BadUserInputException("first must be between 0 and " + MAX_PAGE_SIZE + ", was " + first);
    }

    public static <T> PageRequest<T> of(int first, @Nullable String after, Ordering<T> ordering) {
        return new PageRequest<>(first, ordering, after == null ? null : Cursor.decode(after));
    }

    /** The sort value the cursor carries, typed for binding. */
    Object afterValue() {
        return ordering.field().parse(after.value());
    }
}
