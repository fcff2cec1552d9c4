package io.lendx.balance;

import io.lendx.error.BadUserInputException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

@Singleton
public class BalanceService {

    private final Clock clock;

    public BalanceService(Clock clock) {
        this.clock = clock;
    }

    public boolean isStale(MptBalance balance, int maxAgeSeconds) {
        if (maxAgeSeconds < 0) {
            throw new BadUserInputException("maxAgeSeconds must not be negative, was " + maxAgeSeconds);
        }
        return balance.isStaleAt(clock.instant(), Duration.ofSeconds(maxAgeSeconds));
    }
}
