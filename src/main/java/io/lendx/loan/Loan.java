package io.lendx.loan;

import io.lendx.validation.Decimals;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.math.BigDecimal;
import java.time.Instant;

/** Money lent from a pool to a borrower; interest is fixed when the loan is opened. */
@MappedEntity("loans")
public record Loan(
        @Id @MappedProperty("loan_address") String address,
        String poolAddress,
        String borrowerAddress,
        String lenderAddress,
        @Nullable String applicationAddress,
        BigDecimal principal,
        BigDecimal interest,
        Instant startDate,
        Instant endDate,
        LoanState state,
        @Nullable String txHash,
        Instant createdAt,
        Instant updatedAt) {

    public Loan {
        principal = Decimals.money(principal);
        interest = Decimals.money(interest);
    }

    public BigDecimal totalAmountDue() {
        return principal.add(interest);
    }

    /** Still open after its end date. */
    public boolean isOverdueAt(Instant now) {
        return state == LoanState.ONGOING && now.isAfter(endDate);
    }
}
