package io.lendx.graphql;

import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;

/** A typed name for a request-scoped DataLoader, so fetchers never look one up by a bare string. */
public record LoaderKey<K, V>(String name) {

    public DataLoader<K, V> in(DataFetchingEnvironment environment) {
        DataLoader<K, V> loader = environment.getDataLoader(name);
        if (loader == null) {
            throw new IllegalStateException("No DataLoader registered as " + name);
        }
        if (environment.getDataLoaderRegistry() instanceof SelectionTracking tracking) {
            tracking.selectedBy(name, environment);
        }
        return loader;
    }
}
