package io.lendx.loan;

import io.lendx.graphql.MutationPayload;

public record RepayLoanPayload(Loan loan) implements MutationPayload {

    @Override
    public String auditTarget() {
        return loan.address();
    }
}
