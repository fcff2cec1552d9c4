package io.lendx.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.lendx.localcache.LocalCaches;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;

/**
 * The stored answers, bounded by their bytes ({@code LENDX_CACHE_MAX_BYTES}; the least useful go
 * first) and each gone at its own expiry, read off the service's clock. Only answers still valid
 * by {@link TableVersions} are handed out.
 */
@Singleton
class ResponseStore {

    private final Cache<CacheKey, CachedAnswer> answers;
    private final TableVersions versions;

    ResponseStore(CacheSettings settings, TableVersions versions, Clock clock, MeterRegistry meters) {
        this.versions = versions;
        Counter evictions = Counter.builder("lendx_cache_evictions")
                .description("Cached answers dropped to stay within LENDX_CACHE_MAX_BYTES").register(meters);
        this.answers = LocalCaches.newBuilder()
                .maximumWeight(settings.maxBytes())
                .weigher((CacheKey key, CachedAnswer answer) -> key.weight() + answer.body().length)
                .expireAfter(new UntilExpiry())
                .ticker(() -> epochNanos(clock.instant()))
                .removalListener((CacheKey key, CachedAnswer answer, RemovalCause cause) -> {
                    if (cause == RemovalCause.SIZE) {
                        evictions.increment();
                    }
                })
                .build();
        Gauge.builder("lendx_cache_entries", answers, Cache::estimatedSize)
                .description("Answers in the response cache").register(meters);
        Gauge.builder("lendx_cache_bytes", answers,
                        cache -> cache.policy().eviction().map(eviction -> eviction.weightedSize().orElse(0)).orElse(0L))
                .description("Bytes the response cache holds (bodies and keys)").register(meters);
    }

    @Nullable
    CachedAnswer get(CacheKey key) {
        CachedAnswer answer = answers.getIfPresent(key);
        if (answer != null && !versions.stillValid(answer)) {
            answers.asMap().remove(key, answer);
            return null;
        }
        return answer;
    }

    /** Keeps {@code answer} unless a change it read was heard meanwhile (then it was stale before it was stored). */
    void put(CacheKey key, CachedAnswer answer) {
        answers.put(key, answer);
        // A notice heard between the caller's check and the put found nothing to drop: look again.
        if (!versions.stillValid(answer)) {
            answers.asMap().remove(key, answer);
        }
    }

    /** Drops every answer that read one of {@code tables} (a mask). */
    void dropReading(long tables) {
        answers.asMap().values().removeIf(answer -> (answer.policy().tables() & tables) != 0);
    }

    void clear() {
        answers.invalidateAll();
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static final class UntilExpiry implements Expiry<CacheKey, CachedAnswer> {

        @Override
        public long expireAfterCreate(CacheKey key, CachedAnswer answer, long currentTime) {
            return Math.max(1, epochNanos(answer.expiresAt()) - currentTime);
        }

        @Override
        public long expireAfterUpdate(CacheKey key, CachedAnswer answer, long currentTime, long currentDuration) {
            return expireAfterCreate(key, answer, currentTime);
        }

        @Override
        public long expireAfterRead(CacheKey key, CachedAnswer answer, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
