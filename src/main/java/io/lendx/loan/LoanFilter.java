package io.lendx.loan;

import io.micronaut.core.annotation.Nullable;

/** Conditions of the {@code loans} connection; null means "any". */
public record LoanFilter(@Nullable LoanState state, @Nullable String poolAddress,
                         @Nullable String borrowerAddress, @Nullable String lenderAddress,
                         @Nullable Boolean overdue) {
}
