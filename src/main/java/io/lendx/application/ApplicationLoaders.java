package io.lendx.application;

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
public class ApplicationLoaders implements FeatureLoaders {

    public static final LoaderKey<String, LoanApplication> APPLICATION_BY_ADDRESS =
            new LoaderKey<>("applicationByAddress");
    static final LoaderKey<PageKey<LoanApplication, ApplicationState>, Page<LoanApplication>>
            APPLICATIONS_BY_BORROWER = new LoaderKey<>("applicationsByBorrower");
    static final LoaderKey<CountKey<ApplicationState>, Long> APPLICATION_COUNT_BY_BORROWER =
            new LoaderKey<>("applicationCountByBorrower");
    static final LoaderKey<PageKey<LoanApplication, ApplicationState>, Page<LoanApplication>>
            APPLICATIONS_BY_POOL = new LoaderKey<>("applicationsByPool");
    static final LoaderKey<CountKey<ApplicationState>, Long> APPLICATION_COUNT_BY_POOL =
            new LoaderKey<>("applicationCountByPool");

    private final ApplicationRepository applications;

    public ApplicationLoaders(ApplicationRepository applications) {
        this.applications = applications;
    }

    @Override
    public void register(LoaderRegistrar registry) {
        registry.register(APPLICATION_BY_ADDRESS, Shape.OBJECT, (addresses, fields) -> applications
                .findByAddressIn(addresses, ApplicationRepository.TABLE.projection(fields))
                .collectMap(LoanApplication::address));
        registerRelation(registry, ApplicationParent.BORROWER, APPLICATIONS_BY_BORROWER,
                APPLICATION_COUNT_BY_BORROWER);
        registerRelation(registry, ApplicationParent.POOL, APPLICATIONS_BY_POOL, APPLICATION_COUNT_BY_POOL);
    }

    private void registerRelation(LoaderRegistrar registry, ApplicationParent parent,
                                  LoaderKey<PageKey<LoanApplication, ApplicationState>, Page<LoanApplication>> pages,
                                  LoaderKey<CountKey<ApplicationState>, Long> counts) {
        ChildPages.register(registry, pages, (keys, state, page, fields) -> applications
                .findPagesByParents(parent, keys, state, page, ApplicationRepository.TABLE.projection(fields)));
        registry.register(counts, ChildPages.counts((keys, state) ->
                applications.countByParents(parent, keys, state)));
    }
}
