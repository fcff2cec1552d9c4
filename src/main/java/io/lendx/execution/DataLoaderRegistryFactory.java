package io.lendx.execution;

import io.lendx.monitoring.RequestProfile;
import io.lendx.replica.Route;
import io.lendx.graphql.SelectionTracking;
import io.lendx.graphql.SelectedFields;
import io.lendx.graphql.FeatureLoaders;
import io.lendx.graphql.LoaderKey;
import io.lendx.graphql.LoaderRegistrar;
import graphql.execution.MergedField;
import graphql.language.FragmentDefinition;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderOptions;
import org.dataloader.DataLoaderRegistry;
import org.dataloader.instrumentation.DataLoaderInstrumentation;
import reactor.core.publisher.Mono;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Collects every feature's batch functions once, and gives each request a registry of its own
 * DataLoaders (so caches never outlive a request) and the work queue that dispatches them. A
 * request's loader is created the first time one of its fetchers asks for it: a flat list
 * needs none of the twenty, a nested page a handful.
 */
@Singleton
public class DataLoaderRegistryFactory {

    /** Large enough for any page of keys, small enough to keep arrays of keys sane. */
    private static final int MAX_BATCH_SIZE = 1000;

    private final Map<String, Batch<?, ?>> batches = new HashMap<>();
    private final GraphQLWorkers workers;
    /** With tracing on, its instrumentation; without, none at all (not even a no-op one to call). */
    private final DataLoaderOptions options;

    public DataLoaderRegistryFactory(List<FeatureLoaders> features, MeterRegistry meters, GraphQLWorkers workers,
                                     Optional<DataLoaderInstrumentation> instrumentation) {
        this.workers = workers;
        DataLoaderOptions.Builder options = DataLoaderOptions.newOptions().setMaxBatchSize(MAX_BATCH_SIZE);
        instrumentation.ifPresent(options::setInstrumentation);
        this.options = options.build();
        LoaderRegistrar registrar = new LoaderRegistrar() {
            @Override
            public <K, V> void register(LoaderKey<K, V> key, Function<Set<K>, Mono<Map<K, V>>> batch) {
                add(key, null, (keys, fields) -> batch.apply(keys));
            }

            @Override
            public <K, V> void register(LoaderKey<K, V> key, SelectedFields.Shape shape, ProjectedBatch<K, V> batch) {
                add(key, shape, batch);
            }

            private <K, V> void add(LoaderKey<K, V> key, SelectedFields.Shape shape, ProjectedBatch<K, V> batch) {
                DistributionSummary sizes = DistributionSummary.builder("graphql.dataloader.batch.size")
                        .description("Keys per DataLoader batch, i.e. rows asked of one SQL statement")
                        .tag("loader", key.name())
                        .register(meters);
                if (batches.put(key.name(), new Batch<>(batch, shape, sizes, DataLoaderRegistryFactory.this.options)) != null) {
                    throw new IllegalStateException("Two DataLoaders are registered as " + key.name());
                }
            }
        };
        features.forEach(feature -> feature.register(registrar));
    }

    /** A request's queue, whose statements read the primary and count against {@code profile}. */
    public RequestWorkQueue newWorkQueue(@Nullable RequestProfile profile) {
        return newWorkQueue(Route.PRIMARY, profile);
    }

    public RequestWorkQueue newWorkQueue(Route reads, @Nullable RequestProfile profile) {
        RequestLoaders loaders = new RequestLoaders();
        RequestWorkQueue work = new RequestWorkQueue(loaders, workers, reads, profile);
        loaders.work = work;
        return work;
    }

    /** A feature's batch function, what it projects on, and the summary of its batch sizes. */
    private record Batch<K, V>(LoaderRegistrar.ProjectedBatch<K, V> query, SelectedFields.Shape shape,
                               DistributionSummary sizes, DataLoaderOptions options) {

        /** Named here: the registry would otherwise copy an unnamed loader to name it. */
        DataLoader<K, V> newLoader(String name, RequestWorkQueue work, SelectedFields fields) {
            return DataLoaderFactory.newMappedDataLoader(name, (Set<K> keys) -> {
                sizes.record(keys.size());
                return work.batch(query.load(keys, fields == null ? Set.of() : fields.names()));
            }, fields == null ? options : optionsFor(fields));
        }

        /**
         * A value read for one selection must not answer a later, wider one (a user read with
         * its address only, then asked for its DID): a projected loader's cache keys carry how
         * many fields had been asked for when the value was loaded, which only grows.
         */
        private DataLoaderOptions optionsFor(SelectedFields fields) {
            return DataLoaderOptions.newOptions(options)
                    .setCacheKeyFunction(key -> new SelectionKey(key, fields.names().size())).build();
        }
    }

    /** Equality written out: a record's generated one goes through method handles, per cached load. */
    private record SelectionKey(Object key, int fieldsAsked) {

        @Override
        public boolean equals(Object other) {
            return other instanceof SelectionKey that && that.fieldsAsked == fieldsAsked && that.key.equals(key);
        }

        @Override
        public int hashCode() {
            return 31 * key.hashCode() + fieldsAsked;
        }
    }

    /** One request's loaders, each made when first asked for, and what is asked of them. */
    private final class RequestLoaders extends DataLoaderRegistry implements SelectionTracking {

        private RequestWorkQueue work;
        private final Map<String, SelectedFields> selected = new ConcurrentHashMap<>();

        /**
         * Only a projected loader reads what is asked of it; the others read whole rows. A loader
         * not made yet is made now, so that what its first fetcher selects is not lost.
         */
        @Override
        public void selectedBy(String loader, MergedField field, Map<String, FragmentDefinition> fragments) {
            if (getDataLoader(loader) != null) {
                SelectedFields fields = selected.get(loader);
                if (fields != null) {
                    fields.add(field, fragments);
                }
            }
        }

        /**
         * Asked after the request's tasks run, several times a request: the registry's own copies
         * its loaders into a new list every time, as {@link #dispatchAll} does.
         */
        @Override
        public int dispatchDepth() {
            int depth = 0;
            for (DataLoader<?, ?> loader : dataLoaders.values()) {
                depth += loader.dispatchDepth();
            }
            return depth;
        }

        @Override
        public void dispatchAll() {
            for (DataLoader<?, ?> loader : dataLoaders.values()) {
                loader.dispatch();
            }
        }

        @Override
        public <K, V> DataLoader<K, V> getDataLoader(String name) {
            DataLoader<K, V> loader = super.getDataLoader(name);
            if (loader != null) {
                return loader;
            }
            Batch<?, ?> batch = batches.get(name);
            if (batch == null) {
                return null;
            }
            return computeIfAbsent(name, absent -> {
                SelectedFields fields = batch.shape() == null ? null : new SelectedFields(batch.shape());
                if (fields != null) {
                    selected.put(name, fields);
                }
                return batch.newLoader(name, work, fields);
            });
        }
    }
}
