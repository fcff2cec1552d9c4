package io.lendx.stats;

import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.time.Instant;

/** Mirrors the SDL type {@code MarketplaceStats}. */
public record MarketplaceStats(Instant asOf, int users, int pools, BigDecimal totalLiquidity,
                               BigDecimal availableLiquidity, BigDecimal outstandingPrincipal, LoanCounts loans,
                               ApplicationCounts applications, @Nullable BigDecimal defaultRate,
                               BigDecimal interestEarned) {
}
