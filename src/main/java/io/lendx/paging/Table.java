package io.lendx.paging;

import io.r2dbc.spi.Row;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What keyset queries need to know of a table: its name, its key column, the key of an
 * entity and how a row becomes an entity; and, for projected reads, the columns always read
 * (keys, foreign keys, states: what loaders and relations need) and the columns each GraphQL
 * field of the entity needs.
 */
public record Table<T>(String name, String keyColumn, Function<T, String> key, Function<Row, T> mapper,
                       Set<String> alwaysRead, Map<String, List<String>> fieldColumns) {

    /**
     * The columns a GraphQL field of the entity needs: each of {@code columns} serves the field
     * of its camelCase name ({@code created_at} → {@code createdAt}); {@code derived} adds fields
     * computed from several columns (a total from principal and interest).
     */
    public static Map<String, List<String>> fieldColumns(List<String> columns, Map<String, List<String>> derived) {
        Map<String, List<String>> byField = new HashMap<>(derived);
        for (String column : columns) {
            byField.put(camelCase(column), List.of(column));
        }
        return Map.copyOf(byField);
    }

    private static String camelCase(String column) {
        StringBuilder field = new StringBuilder(column.length());
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                field.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return field.toString();
    }

    /** A table whose reads always select every column. */
    public Table(String name, String keyColumn, Function<T, String> key, Function<Row, T> mapper) {
        this(name, keyColumn, key, mapper, Set.of(), Map.of());
    }

    /** The columns the given GraphQL fields of the entity need, with those always read. */
    public Projection projection(Collection<String> fields) {
        if (fieldColumns.isEmpty()) {
            return Projection.ALL;
        }
        Set<String> columns = new LinkedHashSet<>(alwaysRead);
        columns.add(keyColumn);
        for (String field : fields) {
            columns.addAll(fieldColumns.getOrDefault(field, List.of()));
        }
        return Projection.of(columns);
    }
}
