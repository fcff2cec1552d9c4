package io.lendx.paging;

import io.lendx.monitoring.StatementRows;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.r2dbc.operations.R2dbcOperations;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.Statement;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Keyset (seek) pagination in SQL: a page is "rows after the cursor in sort order, limit
 * first + 1", so its cost does not grow with the page number. Pages of many parents at once
 * (a relation under a list) are one query, a LATERAL page per parent. Table and
 * column names come from code, never from input; every value is a bound parameter.
 */
@Singleton
public class KeysetQueries {

    private final R2dbcOperations operations;

    public KeysetQueries(R2dbcOperations operations) {
        this.operations = operations;
    }

    public <T> Mono<Page<T>> page(Table<T> table, Conditions filter, PageRequest<T> request) {
        Conditions where = afterCursor(filter, table, request);
        List<Object> values = new ArrayList<>(where.values());
        // Bound, not inlined: a statement without parameters goes over the simple query protocol,
        // whose rows come back as text whatever forceBinary says.
        values.add(request.first() + 1);
        String sql = "SELECT * FROM " + table.name() + " WHERE " + where.sql()
                + " ORDER BY " + orderBy(table, request.ordering(), "") + " LIMIT ?";
        return query(sql, values, table.mapper())
                .map(rows -> Page.of(rows, request, table));
    }

    public Mono<Long> count(Table<?> table, Conditions filter) {
        String sql = "SELECT count(*) FROM " + table.name() + " WHERE " + filter.sql();
        return query(sql, filter.values(), row -> row.get(0, Long.class)).map(rows -> rows.get(0));
    }

    /**
     * One page per parent for a relation such as Pool.loans, in one statement: for each parent
     * (an array parameter, however many there are) a LATERAL subquery reads at most first + 1
     * rows along the parent's index, so the cost follows the page size, not the children a
     * parent has.
     */
    public <T> Mono<Map<String, Page<T>>> pagesOf(Relation<T> relation, Collection<String> parents,
                                                  @Nullable Object filter, PageRequest<T> request,
                                                  Projection projection) {
        Table<T> table = relation.table();
        String parentColumn = relation.parentColumn();
        Projection read = projection.with(parentColumn).with(request.ordering().field().column());
        Conditions where = afterCursor(relation.filter(filter).add(parentColumn + " = parent.key"), table, request);
        List<Object> values = new ArrayList<>();
        values.add(parents.toArray(String[]::new));
        values.addAll(where.values());
        String sql = "SELECT page.* FROM unnest(?::text[]) WITH ORDINALITY AS parent(key, ord)"
                + " CROSS JOIN LATERAL (SELECT " + read.selectList() + " FROM " + table.name() + " WHERE " + where.sql()
                + " ORDER BY " + orderBy(table, request.ordering(), "") + " LIMIT " + (request.first() + 1)
                + ") page ORDER BY parent.ord, " + orderBy(table, request.ordering(), "page.");
        Function<T, String> parentKey = relation.parentKey();
        return query(sql, values, read.mapper(table))
                .map(rows -> {
                    Map<String, List<T>> rowsByParent = new HashMap<>();
                    for (T row : rows) {
                        rowsByParent.computeIfAbsent(parentKey.apply(row), parent -> new ArrayList<>()).add(row);
                    }
                    Map<String, Page<T>> pages = new LinkedHashMap<>();
                    for (String parent : parents) {
                        pages.put(parent, Page.of(List.copyOf(rowsByParent.getOrDefault(parent, List.of())), request,
                                table));
                    }
                    return pages;
                });
    }

    /**
     * The rows whose {@code column} is one of {@code values}: a DataLoader's batch, in one statement.
     * A batch of one key (a lookup, or a relation of one parent) binds the key itself: encoding a
     * one-element {@code text[]} (escaping, the array codec) was about 1 % of a lookup's CPU.
     */
    public <T> Mono<List<T>> findWhereIn(Table<T> table, String column, Collection<String> values,
                                         Projection projection) {
        Projection read = projection.with(column);
        boolean one = values.size() == 1;
        String sql = read.statement(new WhereIn(table, column, one), where -> Conditions.numbered("SELECT "
                + read.selectList() + " FROM " + where.table.name() + " WHERE " + where.column
                + (where.one ? " = ?" : " = ANY(?::text[])")));
        Object bound = one ? values.iterator().next() : values.toArray(String[]::new);
        return numberedQuery(sql, List.of(bound), read.mapper(table));
    }

    /** What shapes a lookup's statement besides its projection; equality written out, as it is asked per batch. */
    private record WhereIn(Table<?> table, String column, boolean one) {

        @Override
        public boolean equals(Object other) {
            return other instanceof WhereIn that && that.table == table && that.one == one
                    && that.column.equals(column);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * System.identityHashCode(table) + column.hashCode()) + Boolean.hashCode(one);
        }
    }

    /** How many children each parent has under the relation's filter, in one statement. */
    public Mono<Map<String, Long>> countsOf(Relation<?> relation, Collection<String> parents,
                                            @Nullable Object filter) {
        String parentColumn = relation.parentColumn();
        Conditions where = relation.filter(filter)
                .add(parentColumn + " = ANY(?::text[])", (Object) parents.toArray(String[]::new));
        String sql = "SELECT " + parentColumn + ", count(*) FROM " + relation.table().name()
                + " WHERE " + where.sql() + " GROUP BY " + parentColumn;
        return query(sql, where.values(), row -> Map.entry(row.get(0, String.class), row.get(1, Long.class)))
                .map(found -> {
                    Map<String, Long> counts = new HashMap<>();
                    parents.forEach(parent -> counts.put(parent, 0L));
                    found.forEach(count -> counts.put(count.getKey(), count.getValue()));
                    return counts;
                });
    }

    private static <T> Conditions afterCursor(Conditions filter, Table<T> table, PageRequest<T> request) {
        if (request.after() == null) {
            return filter;
        }
        Ordering<T> ordering = request.ordering();
        String operator = ordering.direction().afterOperator();
        if (isKeyOrdering(table, ordering)) {
            return filter.copy().add(table.keyColumn() + " " + operator + " ?", request.after().key());
        }
        return filter.copy().add("(" + ordering.field().column() + ", " + table.keyColumn() + ") "
                + operator + " (?, ?)", request.afterValue(), request.after().key());
    }

    private static <T> String orderBy(Table<T> table, Ordering<T> ordering, String qualifier) {
        String direction = " " + ordering.direction().name();
        if (isKeyOrdering(table, ordering)) {
            return qualifier + table.keyColumn() + direction;
        }
        return qualifier + ordering.field().column() + direction + ", " + qualifier + table.keyColumn() + direction;
    }

    private static boolean isKeyOrdering(Table<?> table, Ordering<?> ordering) {
        return ordering.field().column().equals(table.keyColumn());
    }

    private <R> Mono<List<R>> query(String sql, List<Object> values, Function<Row, R> mapper) {
        return numberedQuery(Conditions.numbered(sql), values, mapper);
    }

    /**
     * A connection of its own, never a caller's transaction (as {@code withConnection} takes one):
     * these reads see committed data only (services read their own writes through their
     * repositories). Given back once the rows are read, whatever the outcome.
     */
    private <R> Mono<List<R>> numberedQuery(String sql, List<Object> values, Function<Row, R> mapper) {
        return Mono.usingWhen(operations.connectionFactory().create(), connection -> {
            Statement statement = connection.createStatement(sql);
            for (int i = 0; i < values.size(); i++) {
                Object value = values.get(i);
                statement.bind(i, value instanceof Enum<?> e ? e.name() : value);
            }
            return StatementRows.of(statement, mapper);
        }, Connection::close);
    }
}
