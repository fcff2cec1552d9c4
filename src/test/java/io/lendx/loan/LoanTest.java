package io.lendx.loan;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A loan's own rules (what it owes, when it is overdue), without a database. */
class LoanTest {

    private static final Instant END = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void theAmountDueIsPrincipalPlusInterestAtMoneyScale() {
        Loan loan = loan(LoanState.ONGOING, new BigDecimal("1000.5"), new BigDecimal("0.000001"));
        assertEquals(new BigDecimal("1000.500001"), loan.totalAmountDue());
    }

    @Test
    void onlyAnOngoingLoanPastItsEndDateIsOverdue() {
        Loan ongoing = loan(LoanState.ONGOING, BigDecimal.TEN, BigDecimal.ONE);
        assertFalse(ongoing.isOverdueAt(END), "due at the end date itself, not yet overdue");
        assertTrue(ongoing.isOverdueAt(END.plusMillis(1)));
        assertFalse(ongoing.isOverdueAt(END.minusSeconds(60)));
        for (LoanState closed : new LoanState[]{LoanState.PAID, LoanState.DEFAULTED}) {
            assertFalse(loan(closed, BigDecimal.TEN, BigDecimal.ONE).isOverdueAt(END.plusSeconds(86_400)),
                    closed + " is closed, never overdue");
        }
    }

    private static Loan loan(LoanState state, BigDecimal principal, BigDecimal interest) {
        return new Loan("rLoan", "rPool", "rBorrower", "rLender", null, principal, interest,
                END.minusSeconds(30 * 86_400), END, state, null, END, END);
    }
}
