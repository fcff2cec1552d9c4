package io.lendx.application;

import java.util.function.Function;

/** The objects whose applications are listed as a relation connection. */
enum ApplicationParent {
    BORROWER("borrower_address", LoanApplication::borrowerAddress),
    POOL("pool_address", LoanApplication::poolAddress);

    final String column;
    final Function<LoanApplication, String> key;

    ApplicationParent(String column, Function<LoanApplication, String> key) {
        this.column = column;
        this.key = key;
    }
}
