package io.lendx.graphql;

import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Where features register the batch functions of their loaders. */
public interface LoaderRegistrar {

    /** A loader that resolves a whole batch of keys with one reactive query. */
    <K, V> void register(LoaderKey<K, V> key, Function<Set<K>, Mono<Map<K, V>>> batch);

    /**
     * A loader whose query reads only what is asked of its values: {@code fields} are the
     * GraphQL fields the request selects on the objects ({@link SelectedFields.Shape#OBJECT}) or
     * on the nodes of the connections ({@link SelectedFields.Shape#CONNECTION}) it returns.
     */
    <K, V> void register(LoaderKey<K, V> key, SelectedFields.Shape shape, ProjectedBatch<K, V> batch);

    @FunctionalInterface
    interface ProjectedBatch<K, V> {
        Mono<Map<K, V>> load(Set<K> keys, Set<String> fields);
    }
}
