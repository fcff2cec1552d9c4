package io.lendx.graphql;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderOptions;
import org.dataloader.DataLoaderRegistry;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Builds, for one request, a fresh registry of every feature's DataLoaders and the executor that
 * dispatches them, measuring batch sizes.
 */
@Singleton
public class DataLoaderRegistryFactory {

    /** Large enough for any page of keys, small enough to keep IN lists and arrays sane. */
    private static final int MAX_BATCH_SIZE = 1000;

    private final List<FeatureLoaders> features;
    private final MeterRegistry meters;
    private final GraphQLWorkers workers;
    /** One summary per loader, looked up once rather than on every request. */
    private final Map<String, DistributionSummary> batchSizes = new ConcurrentHashMap<>();

    public DataLoaderRegistryFactory(List<FeatureLoaders> features, MeterRegistry meters, GraphQLWorkers workers) {
        this.features = features;
        this.meters = meters;
        this.workers = workers;
    }

    public RequestExecutor newExecutor() {
        DataLoaderRegistry registry = new DataLoaderRegistry();
        RequestExecutor executor = new RequestExecutor(registry, workers);
        LoaderRegistrar registrar = new LoaderRegistrar() {
            @Override
            public <K, V> void register(LoaderKey<K, V> key, Function<Set<K>, Mono<Map<K, V>>> batch) {
                DistributionSummary sizes = batchSizes.computeIfAbsent(key.name(), name ->
                        DistributionSummary.builder("graphql.dataloader.batch.size")
                                .description("Keys per DataLoader batch, i.e. rows asked of one SQL statement")
                                .tag("loader", name)
                                .register(meters));
                DataLoaderOptions options = DataLoaderOptions.newOptions().setMaxBatchSize(MAX_BATCH_SIZE);
                registry.register(key.name(), DataLoaderFactory.newMappedDataLoader((Set<K> keys) -> {
                    sizes.record(keys.size());
                    return executor.batch(batch.apply(keys));
                }, options));
            }
        };
        features.forEach(feature -> feature.register(registrar));
        return executor;
    }
}
