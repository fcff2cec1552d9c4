package io.lendx.graphql;

/** A feature's DataLoaders, registered anew for every request so caches never outlive it. */
public interface FeatureLoaders {

    void register(LoaderRegistrar registry);
}
