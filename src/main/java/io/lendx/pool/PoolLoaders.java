package io.lendx.pool;

import io.lendx.graphql.ChildPages;
import io.lendx.graphql.ChildPages.CountKey;
import io.lendx.graphql.ChildPages.PageKey;
import io.lendx.graphql.FeatureLoaders;
import io.lendx.graphql.LoaderKey;
import io.lendx.graphql.SelectedFields.Shape;
import io.lendx.paging.Page;
import jakarta.inject.Singleton;
import io.lendx.graphql.LoaderRegistrar;

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
    public void register(LoaderRegistrar registry) {
        registry.register(POOL_BY_ADDRESS, Shape.OBJECT, (addresses, fields) -> pools
                .findByAddressIn(addresses, PoolRepository.TABLE.projection(fields)).collectMap(Pool::address));
        ChildPages.register(registry, POOLS_BY_ISSUER, (issuers, none, page, fields) ->
                pools.findPagesByIssuers(issuers, page, PoolRepository.TABLE.projection(fields)));
        registry.register(POOL_COUNT_BY_ISSUER,
                ChildPages.counts((issuers, none) -> pools.countByIssuers(issuers)));
    }
}
