package io.lendx.application;

import io.lendx.validation.Decimals;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.math.BigDecimal;
import java.time.Instant;

/** A borrower's request for a loan from a pool. */
@MappedEntity("applications")
public record LoanApplication(
        @Id @MappedProperty("application_address") String address,
        String borrowerAddress,
        String poolAddress,
        ApplicationState state,
        BigDecimal principal,
        BigDecimal offeredCollateral,
        Instant applicationDate,
        Instant dissolutionDate,
        @Nullable String txHash,
        Instant createdAt,
        Instant updatedAt) {

    public LoanApplication {
        principal = Decimals.money(principal);
        offeredCollateral = Decimals.money(offeredCollateral);
    }
}
