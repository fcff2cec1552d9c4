package io.lendx.loan;

/** ONGOING until repaid (PAID) or declared defaulted after its end date (DEFAULTED). */
public enum LoanState {
    ONGOING,
    PAID,
    DEFAULTED
}
