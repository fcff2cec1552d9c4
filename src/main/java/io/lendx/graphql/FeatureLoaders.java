package io.lendx.graphql;

import org.dataloader.DataLoaderRegistry;

/** A feature's DataLoaders, registered anew for every request so caches never outlive it. */
public interface FeatureLoaders {

    void register(DataLoaderRegistry registry);
}
