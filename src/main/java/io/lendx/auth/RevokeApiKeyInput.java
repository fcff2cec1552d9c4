package io.lendx.auth;

import io.micronaut.core.annotation.Nullable;

public record RevokeApiKeyInput(String keyId, @Nullable String idempotencyKey) {
}
