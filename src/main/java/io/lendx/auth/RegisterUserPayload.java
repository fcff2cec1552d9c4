package io.lendx.auth;

import io.lendx.graphql.MutationPayload;
import io.lendx.user.User;
import io.micronaut.core.annotation.Nullable;

import java.util.UUID;

/** The new user and its first key; {@code apiKey} is null when a retry replays the registration. */
public record RegisterUserPayload(User user, @Nullable String apiKey, UUID keyId) implements MutationPayload {

    @Override
    public String auditTarget() {
        return user.address();
    }
}
