package io.lendx.loan;

import io.micronaut.core.annotation.Nullable;

public record ApproveApplicationInput(String applicationAddress, @Nullable String loanAddress,
                                      @Nullable String txHash, @Nullable String idempotencyKey) {
}
