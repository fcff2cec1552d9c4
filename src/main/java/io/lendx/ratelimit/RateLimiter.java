package io.lendx.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.lendx.auth.AuthenticationFailures;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Token buckets (Bucket4j) per API key and per anonymous client address, plus a lockout of
 * addresses that keep failing to authenticate.
 *
 * <p>The buckets live in this instance's memory, so each instance enforces the budget on its
 * own share of the traffic. To share them between instances, build them through a Bucket4j
 * {@code ProxyManager} backed by PostgreSQL ({@code bucket4j_jdk17-postgresql}) or Redis instead
 * of the local cache below: the keys and budgets stay as they are.
 */
@Singleton
public class RateLimiter implements AuthenticationFailures {

    private final RateLimitConfiguration configuration;
    private final Clock clock;
    private final Cache<String, Bucket> buckets;
    private final Cache<String, Bucket> failures;
    private final Cache<String, Instant> lockedOutUntil;

    public RateLimiter(RateLimitConfiguration configuration, Clock clock) {
        this.configuration = configuration;
        this.clock = clock;
        this.buckets = Caffeine.newBuilder().expireAfterAccess(configuration.getPeriod().multipliedBy(2))
                .maximumSize(100_000).build();
        this.failures = Caffeine.newBuilder().expireAfterAccess(configuration.getFailureWindow())
                .maximumSize(100_000).build();
        this.lockedOutUntil = Caffeine.newBuilder().expireAfterWrite(configuration.getLockout())
                .maximumSize(100_000).build();
    }

    /** Empty if the request may go on, else how long the client should wait. */
    public Optional<Duration> acquire(String client, boolean authenticated) {
        if (!configuration.isEnabled()) {
            return Optional.empty();
        }
        long budget = authenticated ? configuration.getPerKey() : configuration.getPerAddress();
        Bucket bucket = buckets.get(client, key -> bucket(budget, configuration.getPeriod()));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty()
                : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Empty unless the address is locked out, else how long the lockout still lasts. */
    public Optional<Duration> lockout(String address) {
        Instant until = configuration.isEnabled() ? lockedOutUntil.getIfPresent(address) : null;
        return until == null ? Optional.empty() : Optional.of(Duration.between(clock.instant(), until))
                .filter(remaining -> !remaining.isNegative());
    }

    /** Counts a failed authentication; enough of them in the window lock the address out. */
    @Override
    public void failed(String address) {
        Bucket allowance = failures.get(address,
                key -> bucket(configuration.getMaxFailedAuthentications(), configuration.getFailureWindow()));
        if (!allowance.tryConsume(1)) {
            lockedOutUntil.put(address, clock.instant().plus(configuration.getLockout()));
        }
    }

    private static Bucket bucket(long capacity, Duration period) {
        return Bucket.builder().addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period)).build();
    }
}
