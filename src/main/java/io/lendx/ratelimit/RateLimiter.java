package io.lendx.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.lendx.auth.AuthenticationFailures;
import io.lettuce.core.RedisCommandTimeoutException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Token buckets (Bucket4j) per API key and per anonymous client address, plus a lockout of
 * addresses that keep failing to authenticate. With {@code REDIS_URL} they live in Redis and
 * every instance shares them; when Redis fails, this instance answers from its own memory
 * (counted in {@code lendx_rate_limit_fallbacks_total}); after a timeout it lets Redis rest
 * for a second, so that a Redis that does not answer costs one request the timeout, not all.
 */
@Singleton
public class RateLimiter implements AuthenticationFailures {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
    private static final Duration REST_AFTER_FAILURE = Duration.ofSeconds(1);
    private static final CompletableFuture<Optional<Duration>> ADMITTED =
            CompletableFuture.completedFuture(Optional.empty());

    private final RateLimitConfiguration configuration;
    private final Limits local;
    @Nullable
    private final Limits shared;
    private final Counter fallbacks;
    private final BucketConfiguration perKey;
    private final BucketConfiguration perAddress;
    private final BucketConfiguration failures;
    /** System.nanoTime() until which Redis rests: elapsed time, not the business clock tests move. */
    private volatile long sharedRestsUntil = System.nanoTime();

    RateLimiter(RateLimitConfiguration configuration, LocalLimits local, @Nullable RedisLimits shared,
                MeterRegistry meters) {
        this.configuration = configuration;
        this.local = local;
        this.shared = shared;
        this.fallbacks = Counter.builder("lendx.rate.limit.fallbacks")
                .description("Rate-limit checks answered from this instance's memory because Redis failed")
                .register(meters);
        this.perKey = budget(configuration.getPerKey(), configuration.getPeriod());
        this.perAddress = budget(configuration.getPerAddress(), configuration.getPeriod());
        this.failures = budget(configuration.getMaxFailedAuthentications(), configuration.getFailureWindow());
    }

    /**
     * Empty if the request may go on, else how long the client should wait: while the address is
     * locked out, or when the key's (or, without a key, the address's) budget is spent.
     */
    public CompletableFuture<Optional<Duration>> admit(String address, Optional<String> apiKeyHash) {
        if (!configuration.isEnabled()) {
            return ADMITTED;
        }
        String bucket = apiKeyHash.map(hash -> "key:" + hash).orElseGet(() -> "address:" + address);
        BucketConfiguration budget = apiKeyHash.isPresent() ? perKey : perAddress;
        return withFallback(limits -> limits.lockout(address).thenCompose(lockout -> lockout.isPresent()
                ? CompletableFuture.completedFuture(lockout)
                : limits.consume(bucket, budget).thenApply(RateLimiter::waitOf)));
    }

    /** Counts a failed authentication; enough of them in the window lock the address out. */
    @Override
    public CompletableFuture<Void> failed(String address) {
        if (!configuration.isEnabled()) {
            return CompletableFuture.completedFuture(null);
        }
        return withFallback(limits -> limits.consume("failures:" + address, failures)
                .thenCompose(probe -> probe.isConsumed()
                        ? CompletableFuture.completedFuture(null)
                        : limits.lockOut(address, configuration.getLockout())));
    }

    private <T> CompletableFuture<T> withFallback(Function<Limits, CompletableFuture<T>> check) {
        if (shared == null) {
            return check.apply(local);
        }
        if (System.nanoTime() - sharedRestsUntil < 0) {
            fallbacks.increment();
            return check.apply(local);
        }
        return check.apply(shared).exceptionallyCompose(failure -> {
            if (timedOut(failure)) {
                // A Redis that does not answer would cost every request the whole timeout.
                sharedRestsUntil = System.nanoTime() + REST_AFTER_FAILURE.toNanos();
            }
            fallbacks.increment();
            LOG.debug("Rate limit answered from memory: Redis failed", failure);
            return check.apply(local);
        });
    }

    private static boolean timedOut(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof RedisCommandTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Duration> waitOf(ConsumptionProbe probe) {
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private static BucketConfiguration budget(long capacity, Duration period) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                .build();
    }
}
