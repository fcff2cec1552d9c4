package io.lendx.paging;

import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;

/**
 * The WHERE clause of a keyset query, built from fixed SQL fragments with {@code ?}
 * placeholders; values are always bound, never concatenated.
 */
public final class Conditions {

    private final List<String> fragments = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    public static Conditions where() {
        return new Conditions();
    }

    /** {@code column = value}, skipped when the value is null (an absent filter). */
    public Conditions equal(String column, @Nullable Object value) {
        return value == null ? this : add(column + " = ?", value);
    }

    public Conditions add(String fragment, Object... fragmentValues) {
        fragments.add(fragment);
        values.addAll(List.of(fragmentValues));
        return this;
    }

    Conditions copy() {
        Conditions copy = new Conditions();
        copy.fragments.addAll(fragments);
        copy.values.addAll(values);
        return copy;
    }

    List<Object> values() {
        return values;
    }

    /** The clause with {@code ?} placeholders, or an always-true clause. */
    String sql() {
        if (fragments.isEmpty()) {
            return "TRUE";
        }
        return String.join(" AND ", fragments.stream().map(f -> "(" + f + ")").toList());
    }

    /** A statement's {@code ?} placeholders numbered from {@code $1}, as PostgreSQL wants them. */
    static String numbered(String sql) {
        StringBuilder numbered = new StringBuilder(sql.length() + 8);
        int parameter = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '?') {
                numbered.append('$').append(++parameter);
            } else {
                numbered.append(c);
            }
        }
        return numbered.toString();
    }
}
