package io.lendx.pool;

import io.micronaut.core.annotation.Nullable;

/** Conditions of the {@code pools} connection; null means "any". */
public record PoolFilter(@Nullable String issuerAddress) {
}
