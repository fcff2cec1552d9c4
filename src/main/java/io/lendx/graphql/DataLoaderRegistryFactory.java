package io.lendx.graphql;

import jakarta.inject.Singleton;
import org.dataloader.DataLoaderRegistry;

import java.util.List;

/** Builds a fresh registry of every feature's DataLoaders for one request. */
@Singleton
public class DataLoaderRegistryFactory {

    private final List<FeatureLoaders> features;

    public DataLoaderRegistryFactory(List<FeatureLoaders> features) {
        this.features = features;
    }

    public DataLoaderRegistry newRegistry() {
        DataLoaderRegistry registry = new DataLoaderRegistry();
        features.forEach(feature -> feature.register(registry));
        return registry;
    }
}
