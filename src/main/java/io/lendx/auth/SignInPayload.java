package io.lendx.auth;

import io.lendx.graphql.MutationPayload;
import io.lendx.user.User;

import java.util.UUID;

/** Mirrors the SDL type {@code SignInPayload}: a fresh key for the wallet's user. */
public record SignInPayload(User user, String apiKey, UUID keyId) implements MutationPayload {

    @Override
    public String auditTarget() {
        return user.address();
    }
}
