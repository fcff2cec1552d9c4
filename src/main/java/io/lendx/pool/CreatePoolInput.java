package io.lendx.pool;

import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;

public record CreatePoolInput(@Nullable String poolAddress, BigDecimal totalBalance, BigDecimal minimumLoan,
                              int durationDays, BigDecimal interestRate, @Nullable String txHash,
                              @Nullable String idempotencyKey) {
}
