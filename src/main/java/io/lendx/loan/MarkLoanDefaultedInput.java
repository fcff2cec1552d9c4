package io.lendx.loan;

import io.micronaut.core.annotation.Nullable;

public record MarkLoanDefaultedInput(String loanAddress, @Nullable String idempotencyKey) {
}
