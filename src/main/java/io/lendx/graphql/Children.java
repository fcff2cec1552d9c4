package io.lendx.graphql;

import graphql.schema.DataFetchingEnvironment;
import io.lendx.graphql.SelectedFields.Shape;
import io.lendx.paging.Direction;
import io.lendx.paging.KeysetQueries;
import io.lendx.paging.Ordering;
import io.lendx.paging.Page;
import io.lendx.paging.PageRequest;
import io.lendx.paging.Relation;
import io.lendx.paging.Table;
import io.micronaut.core.annotation.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A relation connection such as {@code Pool.loans}, listing children oldest first: the pages of
 * all parents at one level are one statement per distinct filter and page request, reading only
 * the columns the request selects of the nodes; the total count is one more, and only when
 * selected. Every relation connection of every feature is one of these.
 *
 * @param <F> the type of the relation's optional filter argument (a state), {@code Void} if none
 */
public final class Children<T, F> {

    /** One parent's page of children, under an optional filter such as a state. */
    record PageKey<T, F>(String parent, @Nullable F filter, PageRequest<T> page) {
    }

    /** How many children one parent has under an optional filter. */
    record CountKey<F>(String parent, @Nullable F filter) {
    }

    private final Relation<T> relation;
    private final Ordering<T> oldestFirst;
    private final LoaderKey<PageKey<T, F>, Page<T>> pages;
    private final LoaderKey<CountKey<F>, Long> counts;

    /** {@code name} names the page loader; its count loader is {@code name + "Count"}. */
    public Children(String name, Table<T> table, String parentColumn, @Nullable String filterColumn) {
        this.relation = new Relation<>(table, parentColumn, filterColumn);
        this.oldestFirst = new Ordering<>(table.sortField("CREATED_AT"), Direction.ASC);
        this.pages = new LoaderKey<>(name);
        this.counts = new LoaderKey<>(name + "Count");
    }

    /** The connection of {@code parent}'s children. */
    public CompletableFuture<Connection<T>> connection(DataFetchingEnvironment env, String parent,
                                                       @Nullable F filter) {
        PageRequest<T> request = Arguments.page(env, oldestFirst);
        return pages.in(env).load(new PageKey<>(parent, filter, request))
                .thenApply(page -> new Connection<>(page, () -> counts.in(env).load(new CountKey<>(parent, filter))));
    }

    public void register(LoaderRegistrar registry, KeysetQueries keyset) {
        registry.register(pages, Shape.CONNECTION, (keys, fields) -> batch(keys,
                key -> new PageKey<>("", key.filter(), key.page()), PageKey::parent,
                (parents, shared) -> keyset.pagesOf(relation, parents, shared.filter(), shared.page(),
                        relation.table().projection(fields))));
        registry.register(counts, keys -> batch(keys, key -> new CountKey<>("", key.filter()), CountKey::parent,
                (parents, shared) -> keyset.countsOf(relation, parents, shared.filter())));
    }

    /**
     * Answers the keys of a batch with one query per group of keys that differ only in their
     * parent ({@code shared} blanks the parent out).
     */
    private static <K, V> Mono<Map<K, V>> batch(Set<K> keys, Function<K, K> shared, Function<K, String> parentOf,
                                                GroupQuery<K, V> query) {
        Collection<List<K>> groups = keys.stream().collect(Collectors.groupingBy(shared)).values();
        return Flux.fromIterable(groups)
                .flatMap(group -> query.run(group.stream().map(parentOf).distinct().toList(), group.get(0))
                        .map(byParent -> {
                            Map<K, V> values = new HashMap<>();
                            group.forEach(key -> values.put(key, byParent.get(parentOf.apply(key))));
                            return values;
                        }))
                .reduce(new HashMap<>(), (all, some) -> {
                    all.putAll(some);
                    return all;
                });
    }

    @FunctionalInterface
    private interface GroupQuery<K, V> {
        Mono<Map<String, V>> run(List<String> parents, K shared);
    }
}
