package io.lendx.stats;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;

/**
 * The marketplace's statistics, computed at most once per {@code lendx.stats.cache-ttl}
 * (LENDX_STATS_CACHE_TTL, 10 s by default): the front page may ask on every view, and the
 * aggregates scan every loan and application. The answer says when it was computed.
 */
@Singleton
public class StatsService {

    private final Mono<MarketplaceStats> marketplace;

    public StatsService(StatsQueries queries, Clock clock,
                        @Value("${lendx.stats.cache-ttl:10s}") Duration cacheTtl) {
        this.marketplace = Mono.defer(() -> queries.marketplace(clock.instant()))
                .cache(computed -> cacheTtl, failed -> Duration.ZERO, () -> Duration.ZERO);
    }

    public Mono<MarketplaceStats> marketplace() {
        return marketplace;
    }
}
