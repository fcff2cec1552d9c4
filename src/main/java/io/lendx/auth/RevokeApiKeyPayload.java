package io.lendx.auth;

import io.lendx.graphql.MutationPayload;

/** Whether the key was revoked now (false: it already was). The audit takes the key id from the input. */
public record RevokeApiKeyPayload(boolean revoked) implements MutationPayload {

    @Override
    public String auditTarget() {
        return null;
    }
}
