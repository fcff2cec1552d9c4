package io.lendx.loan;

import io.lendx.graphql.MutationPayload;
import io.lendx.application.LoanApplication;

public record ApproveApplicationPayload(LoanApplication application, Loan loan) implements MutationPayload {

    @Override
    public String auditTarget() {
        return application.address();
    }
}
