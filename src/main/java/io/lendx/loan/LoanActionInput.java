package io.lendx.loan;

import io.micronaut.core.annotation.Nullable;

/** The input of repayLoan and markLoanDefaulted: which loan, and an optional retry key. */
public record LoanActionInput(String loanAddress, @Nullable String idempotencyKey) {
}
