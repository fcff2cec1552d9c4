package io.lendx.auth;

import io.micronaut.core.annotation.Nullable;

public record CreateApiKeyInput(int expiresInDays, Role role, @Nullable String userAddress,
                                @Nullable String idempotencyKey) {
}
