package io.lendx.balance;

import io.lendx.validation.Decimals;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/** A user's holding of one MPT as last read from the ledger. */
@MappedEntity("user_mpt_balances")
public record MptBalance(@EmbeddedId MptBalanceId id, BigDecimal balance, Instant lastSyncedAt) {

    public MptBalance {
        balance = Decimals.money(balance);
    }

    public String userAddress() {
        return id.userAddress();
    }

    public String mptId() {
        return id.mptId();
    }

    /** Last synced more than {@code maxAge} before {@code now}. */
    public boolean isStaleAt(Instant now, Duration maxAge) {
        return Duration.between(lastSyncedAt, now).compareTo(maxAge) > 0;
    }
}
