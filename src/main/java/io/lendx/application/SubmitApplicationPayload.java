package io.lendx.application;

import io.lendx.graphql.MutationPayload;

public record SubmitApplicationPayload(LoanApplication application) implements MutationPayload {

    @Override
    public String auditTarget() {
        return application.address();
    }
}
