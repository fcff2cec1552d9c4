package io.lendx.loan;

import java.util.function.Function;

/** The objects whose loans are listed as a relation connection. */
enum LoanParent {
    POOL("pool_address", Loan::poolAddress),
    BORROWER("borrower_address", Loan::borrowerAddress),
    LENDER("lender_address", Loan::lenderAddress);

    final String column;
    final Function<Loan, String> key;

    LoanParent(String column, Function<Loan, String> key) {
        this.column = column;
        this.key = key;
    }
}
