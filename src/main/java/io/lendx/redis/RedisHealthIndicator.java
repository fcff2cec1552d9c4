package io.lendx.redis;

import io.lendx.health.AdvisoryHealthIndicator;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * {@code redis} in {@code /health}'s details: DOWN while Redis does not answer a PING. Advisory
 * only: without Redis an instance still serves, with its own rate limits.
 */
@Singleton
@Requires(beans = RedisLink.class)
public class RedisHealthIndicator implements AdvisoryHealthIndicator {

    private static final String NAME = "redis";

    private final RedisLink redis;

    public RedisHealthIndicator(RedisLink redis) {
        this.redis = redis;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.justOrEmpty(redis.connection())
                .flatMap(connection -> Mono.fromCompletionStage(connection.async().ping()))
                .timeout(redis.timeout())
                .map(pong -> HealthResult.builder(NAME, HealthStatus.UP)
                        .details(Map.of("rateLimits", "shared")).build())
                .onErrorResume(failure -> Mono.empty())
                .defaultIfEmpty(HealthResult.builder(NAME, HealthStatus.DOWN)
                        .details(Map.of("rateLimits", "this instance's memory until Redis answers",
                                "error", "Redis did not answer within " + redis.timeout().toMillis() + " ms"))
                        .build());
    }
}
