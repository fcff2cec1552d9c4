package io.lendx.replica;

import com.github.benmanes.caffeine.cache.Cache;
import io.lendx.localcache.LocalCaches;
import io.lendx.redis.RedisLink;
import io.lettuce.core.SetArgs;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The primary's WAL position after each API key's latest write, kept for
 * {@code LENDX_DB_REPLICA_MAX_LAG}: a replica that lags less than that has replayed anything
 * older. In Redis when there is one, so that the instance a key's next query reaches knows it
 * too; in this instance's memory as well, and only there without Redis.
 */
@Singleton
@Requires(beans = Replica.class)
class WritePositions {

    private static final String KEY_PREFIX = "lendx:written:";

    private final PrimaryWal primary;
    @Nullable
    private final RedisLink redis;
    private final Duration keptFor;
    private final Cache<String, Long> local;

    WritePositions(PrimaryWal primary, @Nullable RedisLink redis,
                   @Value("${lendx.db.replica.max-lag:10s}") Duration keptFor) {
        this.primary = primary;
        this.redis = redis;
        this.keptFor = keptFor;
        this.local = LocalCaches.newBuilder().expireAfterWrite(keptFor).maximumSize(100_000).build();
    }

    /** Reads the primary's current position and keeps it as the key's latest write. */
    Mono<Void> recordFor(String key) {
        return primary.position()
                .flatMap(position -> {
                    local.asMap().merge(key, position, Math::max);
                    return shared(key, position);
                });
    }

    private Mono<Void> shared(String key, long position) {
        if (redis == null) {
            return Mono.empty();
        }
        return Mono.justOrEmpty(redis.connection())
                .flatMap(connection -> Mono.fromCompletionStage(connection.async().set(KEY_PREFIX + key,
                        Long.toString(position).getBytes(StandardCharsets.US_ASCII),
                        SetArgs.Builder.px(keptFor.toMillis()))))
                .timeout(redis.timeout())
                // Without Redis, other instances may serve this key's next query from a lagging replica.
                .onErrorResume(failure -> Mono.empty())
                .then();
    }

    /** The key's latest write position, on any instance, if it wrote within the kept time. */
    Mono<Long> latestOf(String key) {
        Long here = local.getIfPresent(key);
        if (redis == null) {
            return Mono.justOrEmpty(here);
        }
        return Mono.justOrEmpty(redis.connection())
                .flatMap(connection -> Mono.fromCompletionStage(connection.async().get(KEY_PREFIX + key)))
                .map(value -> Long.parseLong(new String(value, StandardCharsets.US_ASCII)))
                .timeout(redis.timeout())
                .onErrorResume(failure -> Mono.empty())
                .map(shared -> here == null ? shared : Math.max(here, shared))
                .switchIfEmpty(Mono.justOrEmpty(here));
    }
}
