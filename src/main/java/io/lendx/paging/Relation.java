package io.lendx.paging;

import io.micronaut.core.annotation.Nullable;

import java.util.function.Function;

/**
 * Children listed under a parent as a connection, such as a pool's loans: the child table, the
 * column that holds the parent's key, and the column the relation's optional filter argument
 * matches (a state), if it has one.
 */
public record Relation<T>(Table<T> table, String parentColumn, @Nullable String filterColumn) {

    /** The parent key of a child row. */
    Function<T, String> parentKey() {
        return table.text(parentColumn);
    }

    /** The relation's filter as a condition: none when it has no filter or none was given. */
    Conditions filter(@Nullable Object value) {
        return filterColumn == null ? Conditions.where() : Conditions.where().equal(filterColumn, value);
    }
}
