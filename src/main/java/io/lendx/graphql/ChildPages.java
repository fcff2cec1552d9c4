package io.lendx.graphql;

import graphql.schema.DataFetchingEnvironment;
import io.lendx.paging.Ordering;
import io.lendx.paging.Page;
import io.lendx.paging.PageRequest;
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
 * Batching for relation connections such as {@code Pool.loans}: the pages of all parents at
 * one level are loaded together, one query per distinct filter and page request.
 */
public final class ChildPages {

    private ChildPages() {
    }

    /** One parent's page of children, under an optional filter such as a state. */
    public record PageKey<T, F>(String parent, @Nullable F filter, PageRequest<T> page) {
    }

    /** How many children one parent has under an optional filter. */
    public record CountKey<F>(String parent, @Nullable F filter) {
    }

    @FunctionalInterface
    public interface PageQuery<T, F> {
        Mono<Map<String, Page<T>>> pages(Collection<String> parents, @Nullable F filter, PageRequest<T> page,
                                         Set<String> fields);
    }

    @FunctionalInterface
    public interface CountQuery<F> {
        Mono<Map<String, Long>> counts(Collection<String> parents, @Nullable F filter);
    }

    /** Registers a page loader whose queries read only the columns the request asks of the nodes. */
    public static <T, F> void register(LoaderRegistrar registry, LoaderKey<PageKey<T, F>, Page<T>> key,
                                       PageQuery<T, F> query) {
        registry.register(key, SelectedFields.Shape.CONNECTION, pages(query));
    }

    private static <T, F> LoaderRegistrar.ProjectedBatch<PageKey<T, F>, Page<T>> pages(PageQuery<T, F> query) {
        return (keys, fields) -> Flux.fromIterable(keys.stream()
                        .collect(Collectors.groupingBy(key -> new PageKey<>("", key.filter(), key.page())))
                        .values())
                .flatMap(group -> {
                    PageKey<T, F> shared = group.get(0);
                    return query.pages(parents(group, PageKey::parent), shared.filter(), shared.page(), fields)
                            .map(pages -> byKey(group, key -> pages.get(key.parent())));
                })
                .reduce(new HashMap<>(), ChildPages::merge);
    }

    public static <F> Function<Set<CountKey<F>>, Mono<Map<CountKey<F>, Long>>> counts(CountQuery<F> query) {
        return keys -> Flux.fromIterable(keys.stream()
                        .collect(Collectors.groupingBy(key -> new CountKey<>("", key.filter())))
                        .values())
                .flatMap(group -> query.counts(parents(group, CountKey::parent), group.get(0).filter())
                        .map(counts -> byKey(group, key -> counts.get(key.parent()))))
                .reduce(new HashMap<>(), ChildPages::merge);
    }

    /** The connection of one parent's children, its total count loaded only if selected. */
    public static <T, F> CompletableFuture<Connection<T>> connection(
            DataFetchingEnvironment env, String parent, @Nullable F filter, Ordering<T> ordering,
            LoaderKey<PageKey<T, F>, Page<T>> pages, LoaderKey<CountKey<F>, Long> counts) {
        PageRequest<T> request = Arguments.page(env, ordering);
        return pages.in(env).load(new PageKey<>(parent, filter, request))
                .thenApply(page -> new Connection<>(page,
                        () -> counts.in(env).load(new CountKey<>(parent, filter))));
    }

    private static <K> List<String> parents(List<K> group, Function<K, String> parent) {
        return group.stream().map(parent).distinct().toList();
    }

    private static <K, V> Map<K, V> byKey(List<K> group, Function<K, V> value) {
        Map<K, V> values = new HashMap<>();
        group.forEach(key -> values.put(key, value.apply(key)));
        return values;
    }

    private static <K, V> Map<K, V> merge(Map<K, V> all, Map<K, V> some) {
        all.putAll(some);
        return all;
    }
}
