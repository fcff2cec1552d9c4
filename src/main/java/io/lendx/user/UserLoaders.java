package io.lendx.user;

import io.lendx.graphql.FeatureLoaders;
import io.lendx.graphql.LoaderRegistrar;
import io.lendx.graphql.Lookup;
import io.lendx.paging.KeysetQueries;
import jakarta.inject.Singleton;

@Singleton
public class UserLoaders implements FeatureLoaders {

    /** Users by address: every relation that points at a user (issuer, borrower, lender, holder). */
    public static final Lookup<User> USER_BY_ADDRESS = Lookup.byKey("userByAddress", UserRepository.TABLE);

    private final KeysetQueries keyset;

    public UserLoaders(KeysetQueries keyset) {
        this.keyset = keyset;
    }

    @Override
    public void register(LoaderRegistrar registry) {
        USER_BY_ADDRESS.register(registry, keyset);
    }
}
