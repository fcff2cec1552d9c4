package io.lendx.auth;

import io.micronaut.core.annotation.Nullable;

/**
 * Mirrors the SDL input {@code RegisterUserInput}. The proof (publicKey, signature, challenge)
 * may be left out only where unsigned registration is switched on (development).
 */
public record RegisterUserInput(String address, @Nullable String publicKey, @Nullable String signature,
                                @Nullable String challenge, @Nullable String did, @Nullable String idempotencyKey) {
}
