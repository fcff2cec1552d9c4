package io.lendx.application;

import io.lendx.graphql.Children;
import io.lendx.graphql.FeatureLoaders;
import io.lendx.graphql.LoaderRegistrar;
import io.lendx.graphql.Lookup;
import io.lendx.paging.KeysetQueries;
import jakarta.inject.Singleton;

@Singleton
public class ApplicationLoaders implements FeatureLoaders {

    public static final Lookup<LoanApplication> APPLICATION_BY_ADDRESS =
            Lookup.byKey("applicationByAddress", ApplicationRepository.TABLE);
    static final Children<LoanApplication, ApplicationState> APPLICATIONS_OF_BORROWER =
            new Children<>("applicationsByBorrower", ApplicationRepository.TABLE, "borrower_address", "state");
    static final Children<LoanApplication, ApplicationState> APPLICATIONS_OF_POOL =
            new Children<>("applicationsByPool", ApplicationRepository.TABLE, "pool_address", "state");

    private final KeysetQueries keyset;

    public ApplicationLoaders(KeysetQueries keyset) {
        this.keyset = keyset;
    }

    @Override
    public void register(LoaderRegistrar registry) {
        APPLICATION_BY_ADDRESS.register(registry, keyset);
        APPLICATIONS_OF_BORROWER.register(registry, keyset);
        APPLICATIONS_OF_POOL.register(registry, keyset);
    }
}
