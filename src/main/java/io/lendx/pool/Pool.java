package io.lendx.pool;

import io.lendx.validation.Decimals;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.math.BigDecimal;
import java.time.Instant;

/** Liquidity an issuer offers on fixed terms; {@code currentBalance} is what is left to lend. */
@MappedEntity("pools")
public record Pool(
        @Id @MappedProperty("pool_address") String address,
        String issuerAddress,
        BigDecimal totalBalance,
        BigDecimal currentBalance,
        BigDecimal interestEarned,
        BigDecimal minimumLoan,
        int durationDays,
        BigDecimal interestRate,
        @Nullable String txHash,
        Instant createdAt,
        Instant updatedAt) {

    public Pool {
        totalBalance = Decimals.money(totalBalance);
        currentBalance = Decimals.money(currentBalance);
        interestEarned = Decimals.money(interestEarned);
        minimumLoan = Decimals.money(minimumLoan);
        interestRate = Decimals.rate(interestRate);
    }
}
