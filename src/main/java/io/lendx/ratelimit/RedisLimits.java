package io.lendx.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lendx.localcache.LocalCaches;
import io.lendx.redis.RedisLink;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Buckets (Bucket4j's compare-and-swap proxy on Lettuce) and lockouts (keys that expire with
 * the lockout) in the Redis every instance shares, so a budget is one budget however many
 * instances serve it. Every call fails fast when there is no connection; the caller falls back.
 */
@Singleton
@Requires(beans = RedisLink.class)
class RedisLimits implements Limits {

    private static final String PREFIX = "lendx:";
    private static final byte[] LOCKED = {1};

    private final RedisLink redis;
    /**
     * One proxy per bucket, kept while it is used: Bucket4j's batching then merges the concurrent
     * requests of one busy key into one compare-and-swap, where each would otherwise retry
     * against the others (16 connections on one key cost ~17 Redis commands per request).
     */
    private final Cache<String, AsyncBucketProxy> proxies;
    private volatile AsyncProxyManager<String> buckets;

    RedisLimits(RedisLink redis, RateLimitConfiguration configuration) {
        this.redis = redis;
        this.proxies = LocalCaches.newBuilder().expireAfterAccess(configuration.getPeriod().multipliedBy(2))
                .maximumSize(100_000).build();
    }

    @Override
    public CompletableFuture<ConsumptionProbe> consume(String bucket, BucketConfiguration configuration) {
        return withConnection(connection -> proxies.get(bucket, name -> buckets(connection).builder()
                        .withOptimization(Optimizations.batching())
                        .build(PREFIX + "bucket:" + name, () -> CompletableFuture.completedFuture(configuration)))
                .tryConsumeAndReturnRemaining(1));
    }

    @Override
    public CompletableFuture<Optional<Duration>> lockout(String address) {
        return withConnection(connection -> connection.async().pttl(lockoutKey(address)).toCompletableFuture()
                .thenApply(millis -> millis != null && millis > 0
                        ? Optional.of(Duration.ofMillis(millis)) : Optional.empty()));
    }

    @Override
    public CompletableFuture<Void> lockOut(String address, Duration lockout) {
        return withConnection(connection -> connection.async()
                .set(lockoutKey(address), LOCKED, SetArgs.Builder.px(lockout.toMillis()))
                .toCompletableFuture().thenApply(ok -> null));
    }

    private static String lockoutKey(String address) {
        return PREFIX + "lockout:" + address;
    }

    private <T> CompletableFuture<T> withConnection(
            Function<StatefulRedisConnection<String, byte[]>, CompletableFuture<T>> command) {
        return redis.connection().map(command)
                .orElseGet(() -> CompletableFuture.failedFuture(new IllegalStateException("no Redis connection")));
    }

    private AsyncProxyManager<String> buckets(StatefulRedisConnection<String, byte[]> connection) {
        AsyncProxyManager<String> current = buckets;
        if (current == null) {
            // A bucket left alone is deleted once it would be full again: Redis keeps only live budgets.
            current = Bucket4jLettuce.casBasedBuilder(connection)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy
                            .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                    .build().asAsync();
            buckets = current;
        }
        return current;
    }
}
