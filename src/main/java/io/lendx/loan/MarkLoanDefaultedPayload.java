package io.lendx.loan;

import io.lendx.graphql.MutationPayload;

public record MarkLoanDefaultedPayload(Loan loan) implements MutationPayload {

    @Override
    public String auditTarget() {
        return loan.address();
    }
}
