package io.lendx.pool;

import io.lendx.graphql.Children;
import io.lendx.graphql.FeatureLoaders;
import io.lendx.graphql.LoaderRegistrar;
import io.lendx.graphql.Lookup;
import io.lendx.paging.KeysetQueries;
import jakarta.inject.Singleton;

@Singleton
public class PoolLoaders implements FeatureLoaders {

    public static final Lookup<Pool> POOL_BY_ADDRESS = Lookup.byKey("poolByAddress", PoolRepository.TABLE);
    /** A user's pools as issuer: the relation has no filter argument. */
    static final Children<Pool, Void> POOLS_OF_ISSUER =
            new Children<>("poolsByIssuer", PoolRepository.TABLE, "issuer_address", null);

    private final KeysetQueries keyset;

    public PoolLoaders(KeysetQueries keyset) {
        this.keyset = keyset;
    }

    @Override
    public void register(LoaderRegistrar registry) {
        POOL_BY_ADDRESS.register(registry, keyset);
        POOLS_OF_ISSUER.register(registry, keyset);
    }
}
