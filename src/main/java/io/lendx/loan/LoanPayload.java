package io.lendx.loan;

/** The payload of repayLoan and markLoanDefaulted. */
public record LoanPayload(Loan loan) {
}
