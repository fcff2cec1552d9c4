package io.lendx.user;

import io.micronaut.core.annotation.Nullable;

/** Conditions of the {@code users} connection; null means "any". */
public record UserFilter(@Nullable String did) {
}
