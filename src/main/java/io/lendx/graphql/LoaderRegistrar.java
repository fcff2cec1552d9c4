package io.lendx.graphql;

import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Where features register the batch functions of their loaders for one request. */
public interface LoaderRegistrar {

    /** Registers a loader that resolves a whole batch of keys with one reactive query. */
    <K, V> void register(LoaderKey<K, V> key, Function<Set<K>, Mono<Map<K, V>>> batch);
}
