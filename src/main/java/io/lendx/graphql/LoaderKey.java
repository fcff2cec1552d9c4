package io.lendx.graphql;

import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderOptions;
import org.dataloader.DataLoaderRegistry;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** A typed name for a request-scoped DataLoader, so fetchers never look one up by a bare string. */
public record LoaderKey<K, V>(String name) {

    /** Large enough for any page of keys, small enough to keep IN lists and arrays sane. */
    private static final int MAX_BATCH_SIZE = 1000;

    public DataLoader<K, V> in(DataFetchingEnvironment environment) {
        DataLoader<K, V> loader = environment.getDataLoader(name);
        if (loader == null) {
            throw new IllegalStateException("No DataLoader registered as " + name);
        }
        return loader;
    }

    /** Registers a loader that resolves a whole batch of keys with one reactive query. */
    public void register(DataLoaderRegistry registry, Function<Set<K>, Mono<Map<K, V>>> batch) {
        DataLoaderOptions options = DataLoaderOptions.newOptions().setMaxBatchSize(MAX_BATCH_SIZE);
        registry.register(name, DataLoaderFactory.newMappedDataLoader(
                (Set<K> keys) -> batch.apply(keys).toFuture(), options));
    }
}
