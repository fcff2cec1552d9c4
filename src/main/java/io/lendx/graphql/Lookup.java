package io.lendx.graphql;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.lendx.graphql.SelectedFields.Shape;
import io.lendx.paging.KeysetQueries;
import io.lendx.paging.Table;
import io.micronaut.core.annotation.Nullable;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Entities by a unique text column (a loan by its address, a loan by the application it came
 * from): every lookup of one request at one level is one statement, reading only the columns
 * the request selects. Root lookups and relations to one object load through it alike.
 */
public final class Lookup<T> {

    private final LoaderKey<String, T> key;
    private final Table<T> table;
    private final String column;
    private final Function<T, String> valueOf;

    public Lookup(String name, Table<T> table, String column) {
        this.key = new LoaderKey<>(name);
        this.table = table;
        this.column = column;
        this.valueOf = table.text(column);
    }

    /** By the table's key column. */
    public static <T> Lookup<T> byKey(String name, Table<T> table) {
        return new Lookup<>(name, table, table.keyColumn());
    }

    /** The entity whose column holds {@code value}; null when nothing does or {@code value} is null. */
    public CompletableFuture<T> load(DataFetchingEnvironment env, @Nullable String value) {
        return value == null ? CompletableFuture.completedFuture(null) : key.in(env).load(value);
    }

    /**
     * The fetcher of a field that is the entity whose column holds {@code valueOf} its parent
     * (null when that is null), e.g. {@code USER_BY_ADDRESS.of(Loan::borrowerAddress)}.
     */
    public <S> DataFetcher<Object> of(Function<S, String> valueOf) {
        return new RelationFetcher<>(key.name(), valueOf);
    }

    public void register(LoaderRegistrar registry, KeysetQueries keyset) {
        registry.register(key, Shape.OBJECT, (values, fields) ->
                keyset.findWhereIn(table, column, values, table.projection(fields)).map(this::byValue));
    }

    private Map<String, T> byValue(List<T> rows) {
        Map<String, T> found = new HashMap<>();
        for (T row : rows) {
            found.put(valueOf.apply(row), row);
        }
        return found;
    }
}
