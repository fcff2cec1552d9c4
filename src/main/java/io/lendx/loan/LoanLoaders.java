package io.lendx.loan;

import io.lendx.graphql.ChildPages;
import io.lendx.graphql.ChildPages.CountKey;
import io.lendx.graphql.ChildPages.PageKey;
import io.lendx.graphql.FeatureLoaders;
import io.lendx.graphql.LoaderKey;
import io.lendx.graphql.SelectedFields.Shape;
import io.lendx.paging.Page;
import jakarta.inject.Singleton;
import io.lendx.graphql.LoaderRegistrar;

import java.util.EnumMap;
import java.util.Map;

@Singleton
public class LoanLoaders implements FeatureLoaders {

    static final LoaderKey<String, Loan> LOAN_BY_ADDRESS = new LoaderKey<>("loanByAddress");
    static final LoaderKey<String, Loan> LOAN_BY_APPLICATION = new LoaderKey<>("loanByApplication");
    static final Map<LoanParent, LoaderKey<PageKey<Loan, LoanState>, Page<Loan>>> LOANS_BY = new EnumMap<>(Map.of(
            LoanParent.POOL, new LoaderKey<>("loansByPool"),
            LoanParent.BORROWER, new LoaderKey<>("loansByBorrower"),
            LoanParent.LENDER, new LoaderKey<>("loansByLender")));
    static final Map<LoanParent, LoaderKey<CountKey<LoanState>, Long>> LOAN_COUNT_BY = new EnumMap<>(Map.of(
            LoanParent.POOL, new LoaderKey<>("loanCountByPool"),
            LoanParent.BORROWER, new LoaderKey<>("loanCountByBorrower"),
            LoanParent.LENDER, new LoaderKey<>("loanCountByLender")));

    private final LoanRepository loans;

    public LoanLoaders(LoanRepository loans) {
        this.loans = loans;
    }

    @Override
    public void register(LoaderRegistrar registry) {
        registry.register(LOAN_BY_ADDRESS, Shape.OBJECT, (addresses, fields) -> loans
                .findByAddressIn(addresses, LoanRepository.TABLE.projection(fields)).collectMap(Loan::address));
        registry.register(LOAN_BY_APPLICATION, Shape.OBJECT, (applications, fields) -> loans
                .findByApplicationAddressIn(applications, LoanRepository.TABLE.projection(fields))
                .collectMap(Loan::applicationAddress));
        for (LoanParent parent : LoanParent.values()) {
            ChildPages.register(registry, LOANS_BY.get(parent), (keys, state, page, fields) ->
                    loans.findPagesByParents(parent, keys, state, page, LoanRepository.TABLE.projection(fields)));
            registry.register(LOAN_COUNT_BY.get(parent), ChildPages.counts((keys, state) ->
                    loans.countByParents(parent, keys, state)));
        }
    }
}
