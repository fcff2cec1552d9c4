package io.lendx.auth;

import io.lendx.graphql.MutationPayload;
import io.micronaut.core.annotation.Nullable;

import java.util.UUID;

/** The new key's id and its plaintext key, shown only in this response (null on a replay). */
public record CreateApiKeyPayload(UUID keyId, @Nullable String apiKey) implements MutationPayload {

    @Override
    public String auditTarget() {
        return keyId.toString();
    }
}
