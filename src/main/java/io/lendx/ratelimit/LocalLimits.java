package io.lendx.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.local.LocalBucketBuilder;
import io.lendx.localcache.LocalCaches;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Buckets and lockouts in this instance's memory: the only ones without {@code REDIS_URL}, and
 * the fallback while Redis does not answer. Each instance then counts only its own traffic.
 */
@Singleton
class LocalLimits implements Limits {

    private final Clock clock;
    private final Cache<String, Bucket> buckets;
    private final Cache<String, Instant> lockedOutUntil;

    LocalLimits(RateLimitConfiguration configuration, Clock clock) {
        this.clock = clock;
        Duration longestPeriod = configuration.getPeriod().compareTo(configuration.getFailureWindow()) > 0
                ? configuration.getPeriod() : configuration.getFailureWindow();
        this.buckets = LocalCaches.newBuilder().expireAfterAccess(longestPeriod.multipliedBy(2))
                .maximumSize(200_000).build();
        this.lockedOutUntil = LocalCaches.newBuilder().expireAfterWrite(configuration.getLockout())
                .maximumSize(100_000).build();
    }

    @Override
    public CompletableFuture<ConsumptionProbe> consume(String bucket, BucketConfiguration configuration) {
        return CompletableFuture.completedFuture(buckets.get(bucket, name -> bucket(configuration))
                .tryConsumeAndReturnRemaining(1));
    }

    @Override
    public CompletableFuture<Optional<Duration>> lockout(String address) {
        Instant until = lockedOutUntil.getIfPresent(address);
        return CompletableFuture.completedFuture(Optional.ofNullable(until)
                .map(end -> Duration.between(clock.instant(), end))
                .filter(remaining -> !remaining.isNegative() && !remaining.isZero()));
    }

    @Override
    public CompletableFuture<Void> lockOut(String address, Duration lockout) {
        lockedOutUntil.put(address, clock.instant().plus(lockout));
        return CompletableFuture.completedFuture(null);
    }

    private static Bucket bucket(BucketConfiguration configuration) {
        LocalBucketBuilder builder = Bucket.builder();
        Arrays.stream(configuration.getBandwidths()).forEach(builder::addLimit);
        return builder.build();
    }
}
