package io.lendx.paging;

import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * The columns a read selects. Relations and lookups read what the GraphQL selection asks of
 * their rows plus the keys the loaders need: decoding columns nobody asked for (timestamps
 * above all) was a large share of a nested page's CPU and allocation. A column left out reads
 * as null in the entity.
 */
public final class Projection {

    /** Every column: reads whose entities may go anywhere (services, root lists). */
    public static final Projection ALL = new Projection(null);

    private final Set<String> columns;

    private Projection(Set<String> columns) {
        this.columns = columns;
    }

    static Projection of(Collection<String> columns) {
        return new Projection(Set.copyOf(columns));
    }

    /** This projection and {@code column}, which a query needs itself (an ordering, say). */
    Projection with(String column) {
        if (columns == null || columns.contains(column)) {
            return this;
        }
        Set<String> more = new LinkedHashSet<>(columns);
        more.add(column);
        return of(more);
    }

    String selectList() {
        return columns == null ? "*" : String.join(", ", columns);
    }

    /** The mapper of full rows, made to see the columns left out as null. */
    <T> Function<Row, T> mapper(Function<Row, T> fullRows) {
        return columns == null ? fullRows : row -> fullRows.apply(new Selected(row, columns));
    }

    @Override
    public String toString() {
        return selectList();
    }

    private record Selected(Row row, Set<String> columns) implements Row {

        @Override
        public <T> T get(int index, Class<T> type) {
            return row.get(index, type);
        }

        @Override
        public <T> T get(String name, Class<T> type) {
            return columns.contains(name) ? row.get(name, type) : null;
        }

        @Override
        public RowMetadata getMetadata() {
            return row.getMetadata();
        }
    }
}
