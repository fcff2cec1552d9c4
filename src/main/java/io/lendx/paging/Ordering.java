package io.lendx.paging;

/** A sort field in a direction: the order of one connection. */
public record Ordering<T>(SortField<T> field, Direction direction) {

    /** Identifies the ordering inside cursors, so a cursor cannot be replayed under another. */
    String id() {
        return field.name() + ":" + direction.name();
    }
}
