package io.lendx.auth;

import io.micronaut.core.annotation.Nullable;

public record RegisterUserInput(String address, @Nullable String did, @Nullable String idempotencyKey) {
}
