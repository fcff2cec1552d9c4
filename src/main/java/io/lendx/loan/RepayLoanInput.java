package io.lendx.loan;

import io.micronaut.core.annotation.Nullable;

public record RepayLoanInput(String loanAddress, @Nullable String idempotencyKey) {
}
