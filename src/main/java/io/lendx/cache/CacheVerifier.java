package io.lendx.cache;

import io.lendx.replica.ReadRouting;
import graphql.ExecutionResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The proof in production ({@code LENDX_CACHE_VERIFY_RATE}): that share of hits is executed
 * again in the background and its bytes compared with the cached ones. A difference while the
 * cached answer is still valid (no change of its tables heard, even once the notices of every write
 * committed before the fresh execution ended are in, and not expired) is a stale answer
 * the cache served: it is logged and counted.
 */
@Singleton
class CacheVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(CacheVerifier.class);

    private final double rate;
    private final TableVersions versions;
    private final TableNotices notices;
    private final Clock clock;
    private final Counter verified;
    private final Counter mismatches;

    CacheVerifier(CacheSettings settings, TableVersions versions, TableNotices notices, Clock clock,
                  MeterRegistry meters) {
        this.rate = settings.verifyRate();
        this.versions = versions;
        this.notices = notices;
        this.clock = clock;
        this.verified = Counter.builder("lendx_cache_verifications")
                .description("Cache hits executed again to compare (LENDX_CACHE_VERIFY_RATE)").register(meters);
        this.mismatches = Counter.builder("lendx_cache_verify_mismatches")
                .description("Cache hits whose answer differed from a fresh execution while still valid")
                .register(meters);
    }

    void maybeVerify(CachedAnswer hit, Map<Object, Object> context, Supplier<Mono<ExecutionResult>> execute,
                     Function<ExecutionResult, byte[]> render) {
        if (rate <= 0 || ThreadLocalRandom.current().nextDouble() >= rate) {
            return;
        }
        // Compared with what a fill would read now: a replica only once it replayed every change heard.
        context.put(ReadRouting.FILLS_CACHE, Boolean.TRUE);
        // The fresh execution may read a write whose notice is still on its way: compare once every
        // notice committed before it ended has been heard, so only a change nobody announced counts.
        execute.get().flatMap(result -> notices.heardOwnWrites().thenReturn(result)).subscribe(result -> {
            if (!result.getErrors().isEmpty()) {
                return;
            }
            byte[] fresh = render.apply(result);
            // Valid still: no change of what it read has been heard since the hit was computed.
            if (!versions.stillValid(hit) || !clock.instant().isBefore(hit.expiresAt())) {
                return;
            }
            verified.increment();
            if (!Arrays.equals(fresh, hit.body())) {
                mismatches.increment();
                LOG.error("Response cache served a stale answer: a fresh execution of the same query differs "
                        + "(cached {} bytes, etag {}; fresh {} bytes)", hit.body().length, hit.etag(), fresh.length);
            }
        }, failure -> LOG.debug("A cache verification could not run: {}", failure.getMessage()));
    }
}
