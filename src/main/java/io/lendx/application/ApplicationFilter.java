package io.lendx.application;

import io.micronaut.core.annotation.Nullable;

/** Conditions of the {@code applications} connection; null means "any". */
public record ApplicationFilter(@Nullable ApplicationState state, @Nullable String poolAddress,
                                @Nullable String borrowerAddress) {
}
