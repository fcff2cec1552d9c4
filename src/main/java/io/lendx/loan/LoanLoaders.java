package io.lendx.loan;

import io.lendx.graphql.Children;
import io.lendx.graphql.FeatureLoaders;
import io.lendx.graphql.LoaderRegistrar;
import io.lendx.graphql.Lookup;
import io.lendx.paging.KeysetQueries;
import jakarta.inject.Singleton;

import java.util.List;

@Singleton
public class LoanLoaders implements FeatureLoaders {

    static final Lookup<Loan> LOAN_BY_ADDRESS = Lookup.byKey("loanByAddress", LoanRepository.TABLE);
    static final Lookup<Loan> LOAN_BY_APPLICATION =
            new Lookup<>("loanByApplication", LoanRepository.TABLE, "application_address");
    static final Children<Loan, LoanState> LOANS_OF_POOL =
            new Children<>("loansByPool", LoanRepository.TABLE, "pool_address", "state");
    static final Children<Loan, LoanState> LOANS_OF_BORROWER =
            new Children<>("loansByBorrower", LoanRepository.TABLE, "borrower_address", "state");
    static final Children<Loan, LoanState> LOANS_OF_LENDER =
            new Children<>("loansByLender", LoanRepository.TABLE, "lender_address", "state");

    private final KeysetQueries keyset;

    public LoanLoaders(KeysetQueries keyset) {
        this.keyset = keyset;
    }

    @Override
    public void register(LoaderRegistrar registry) {
        LOAN_BY_ADDRESS.register(registry, keyset);
        LOAN_BY_APPLICATION.register(registry, keyset);
        List.of(LOANS_OF_POOL, LOANS_OF_BORROWER, LOANS_OF_LENDER).forEach(loans -> loans.register(registry, keyset));
    }
}
