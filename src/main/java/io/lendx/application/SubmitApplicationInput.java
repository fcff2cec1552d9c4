package io.lendx.application;

import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.time.Instant;

public record SubmitApplicationInput(@Nullable String applicationAddress, String poolAddress, BigDecimal principal,
                                     @Nullable BigDecimal offeredCollateral, @Nullable Instant dissolutionDate,
                                     @Nullable String txHash, @Nullable String idempotencyKey) {
}
