package io.lendx.paging;

import io.r2dbc.spi.Row;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    /**
     * How many projections (or statements) a table (or projection) remembers. The sets of fields
     * a schema allows are few in practice, but a client chooses them: past this, they are worked
     * out each time instead of kept.
     */
    static final int MEMORY = 256;

    private final Set<String> columns;
    private final String selectList;
    /** This projection with one more column, by that column. */
    private final Map<String, Projection> widened = new ConcurrentHashMap<>();
    /** How rows read with this projection become entities, by table. */
    private final Map<Table<?>, Function<Row, ?>> mappers = new ConcurrentHashMap<>();
    /** The statements read with this projection, by what else shapes them. */
    private final Map<Object, String> statements = new ConcurrentHashMap<>();

    private Projection(Set<String> columns) {
        this.columns = columns;
        this.selectList = columns == null ? "*" : String.join(", ", columns);
    }

    static Projection of(Collection<String> columns) {
        return new Projection(Set.copyOf(columns));
    }

    /** This projection and {@code column}, which a query needs itself (an ordering, say). */
    Projection with(String column) {
        if (columns == null || columns.contains(column)) {
            return this;
        }
        Projection known = widened.get(column);
        if (known != null) {
            return known;
        }
        Set<String> more = new LinkedHashSet<>(columns);
        more.add(column);
        return remembered(widened, column, of(more));
    }

    String selectList() {
        return selectList;
    }

    /**
     * The statement this projection reads with, written by {@code sql} the first time: {@code shape}
     * says what else goes into it (the table and column of a lookup), and {@code sql} may depend
     * on nothing else.
     */
    <K> String statement(K shape, Function<K, String> sql) {
        String known = statements.get(shape);
        if (known != null) {
            return known;
        }
        return remembered(statements, shape, sql.apply(shape));
    }

    /** {@code value}, kept in {@code memory} under {@code key} unless that is full; the value kept first if two raced. */
    static <K, V> V remembered(Map<K, V> memory, K key, V value) {
        if (memory.size() >= MEMORY) {
            return value;
        }
        V first = memory.putIfAbsent(key, value);
        return first == null ? value : first;
    }

    /** How {@code table}'s rows read with this projection become entities: by column position. */
    @SuppressWarnings("unchecked")
    <T> Function<Row, T> mapper(Table<T> table) {
        if (columns == null) {
            return table.mapper();
        }
        Function<Row, ?> known = mappers.get(table);
        if (known == null) {
            // The select list's order: the same set, iterated again.
            known = remembered(mappers, table, table.mapperOf(List.copyOf(columns)));
        }
        return (Function<Row, T>) known;
    }

    @Override
    public String toString() {
        return selectList();
    }
}
