package io.lendx.stats;

import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;

/** Mirrors the SDL type {@code PoolStats}. */
public record PoolStats(BigDecimal utilization, BigDecimal outstandingPrincipal, LoanCounts loans,
                        ApplicationCounts applications, @Nullable BigDecimal defaultRate,
                        BigDecimal interestEarned) {
}
