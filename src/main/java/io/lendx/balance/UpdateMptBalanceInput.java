package io.lendx.balance;

import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;

public record UpdateMptBalanceInput(String userAddress, String mptId, BigDecimal balance,
                                    @Nullable String idempotencyKey) {
}
