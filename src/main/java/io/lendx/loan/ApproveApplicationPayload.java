package io.lendx.loan;

import io.lendx.application.LoanApplication;

public record ApproveApplicationPayload(LoanApplication application, Loan loan) {
}
