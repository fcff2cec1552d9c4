package io.lendx.stats;

import io.lendx.graphql.FeatureLoaders;
import io.lendx.graphql.LoaderKey;
import io.lendx.graphql.LoaderRegistrar;
import jakarta.inject.Singleton;

@Singleton
public class StatsLoaders implements FeatureLoaders {

    /** Pool.stats: every pool of a level in one statement. */
    static final LoaderKey<String, PoolStats> POOL_STATS = new LoaderKey<>("poolStats");

    private final StatsQueries queries;

    public StatsLoaders(StatsQueries queries) {
        this.queries = queries;
    }

    @Override
    public void register(LoaderRegistrar registry) {
        registry.register(POOL_STATS, queries::pools);
    }
}
