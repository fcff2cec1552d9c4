package io.lendx.pool;

import io.lendx.graphql.ChildPages;
import io.lendx.graphql.ChildPages.CountKey;
import io.lendx.graphql.ChildPages.PageKey;
import io.lendx.graphql.FeatureLoaders;
import io.lendx.graphql.LoaderKey;
import io.lendx.paging.Page;
import jakarta.inject.Singleton;
import org.dataloader.DataLoaderRegistry;

@Singleton
public class PoolLoaders implements FeatureLoaders {

    public static final LoaderKey<String, Pool> POOL_BY_ADDRESS = new LoaderKey<>("poolByAddress");
    static final LoaderKey<PageKey<Pool, Void>, Page<Pool>> POOLS_BY_ISSUER = new LoaderKey<>("poolsByIssuer");
    static final LoaderKey<CountKey<Void>, Long> POOL_COUNT_BY_ISSUER = new LoaderKey<>("poolCountByIssuer");

    private final PoolRepository pools;

    public PoolLoaders(PoolRepository pools) {
        this.pools = pools;
    }

    @Override
    public void register(DataLoaderRegistry registry) {
        POOL_BY_ADDRESS.register(registry,
                addresses -> pools.findByAddressIn(addresses).collectMap(Pool::address));
        POOLS_BY_ISSUER.register(registry,
                ChildPages.pages((issuers, none, page) -> pools.findPagesByIssuers(issuers, page)));
        POOL_COUNT_BY_ISSUER.register(registry,
                ChildPages.counts((issuers, none) -> pools.countByIssuers(issuers)));
    }
}
