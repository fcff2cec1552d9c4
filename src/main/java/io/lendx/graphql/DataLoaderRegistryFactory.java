package io.lendx.graphql;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderOptions;
import org.dataloader.DataLoaderRegistry;
import reactor.core.publisher.Mono;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Collects every feature's batch functions once, and gives each request a registry of its own
 * DataLoaders (so caches never outlive a request) and the executor that dispatches them. A
 * request's loader is created the first time one of its fetchers asks for it: a flat list
 * needs none of the twenty, a nested page a handful.
 */
@Singleton
public class DataLoaderRegistryFactory {

    /** Large enough for any page of keys, small enough to keep arrays of keys sane. */
    private static final int MAX_BATCH_SIZE = 1000;
    private static final DataLoaderOptions OPTIONS = DataLoaderOptions.newOptions().setMaxBatchSize(MAX_BATCH_SIZE);

    private final Map<String, Batch<?, ?>> batches = new HashMap<>();
    private final GraphQLWorkers workers;

    public DataLoaderRegistryFactory(List<FeatureLoaders> features, MeterRegistry meters, GraphQLWorkers workers) {
        this.workers = workers;
        LoaderRegistrar registrar = new LoaderRegistrar() {
            @Override
            public <K, V> void register(LoaderKey<K, V> key, Function<Set<K>, Mono<Map<K, V>>> batch) {
                DistributionSummary sizes = DistributionSummary.builder("graphql.dataloader.batch.size")
                        .description("Keys per DataLoader batch, i.e. rows asked of one SQL statement")
                        .tag("loader", key.name())
                        .register(meters);
                if (batches.put(key.name(), new Batch<>(batch, sizes)) != null) {
                    throw new IllegalStateException("Two DataLoaders are registered as " + key.name());
                }
            }
        };
        features.forEach(feature -> feature.register(registrar));
    }

    public RequestExecutor newExecutor() {
        RequestLoaders loaders = new RequestLoaders();
        RequestExecutor executor = new RequestExecutor(loaders, workers);
        loaders.executor = executor;
        return executor;
    }

    /** A feature's batch function and the summary of its batch sizes. */
    private record Batch<K, V>(Function<Set<K>, Mono<Map<K, V>>> query, DistributionSummary sizes) {

        DataLoader<K, V> newLoader(RequestExecutor executor) {
            return DataLoaderFactory.newMappedDataLoader((Set<K> keys) -> {
                sizes.record(keys.size());
                return executor.batch(query.apply(keys));
            }, OPTIONS);
        }
    }

    /** One request's loaders, each made when first asked for. */
    private final class RequestLoaders extends DataLoaderRegistry {

        private RequestExecutor executor;

        @Override
        public <K, V> DataLoader<K, V> getDataLoader(String name) {
            DataLoader<K, V> loader = super.getDataLoader(name);
            if (loader != null) {
                return loader;
            }
            Batch<?, ?> batch = batches.get(name);
            return batch == null ? null : computeIfAbsent(name, absent -> batch.newLoader(executor));
        }
    }
}
