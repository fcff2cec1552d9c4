package io.lendx.application;

import io.lendx.graphql.MutationPayload;

public record RejectApplicationPayload(LoanApplication application) implements MutationPayload {

    @Override
    public String auditTarget() {
        return application.address();
    }
}
