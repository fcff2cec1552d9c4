package io.lendx.paging;

import java.util.List;
import java.util.function.Function;

/** One page of rows in keyset order, with what Relay's PageInfo needs to know. */
public record Page<T>(List<T> items, boolean hasNextPage, boolean hasPreviousPage, Function<T, String> cursorOf) {

    /** Builds a page from up to {@code first + 1} rows: the extra row only proves there is more. */
    static <T> Page<T> of(List<T> rows, PageRequest<T> request, Table<T> table) {
        boolean hasNext = rows.size() > request.first();
        List<T> items = hasNext ? List.copyOf(rows.subList(0, request.first())) : List.copyOf(rows);
        Ordering<T> ordering = request.ordering();
        Function<T, String> cursorOf = item -> new Cursor(ordering.id(), ordering.field().format(item),
                table.key().apply(item)).encode();
        return new Page<>(items, hasNext, request.after() != null, cursorOf);
    }
}
