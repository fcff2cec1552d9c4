package io.lendx.stats;

import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.time.Clock;

/**
 * The marketplace's statistics, computed when asked. The response cache keeps the answer until
 * a table under it changes, so this needs no cache of its own; the answer says when it was computed.
 */
@Singleton
public class StatsService {

    private final StatsQueries queries;
    private final Clock clock;

    public StatsService(StatsQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    public Mono<MarketplaceStats> marketplace() {
        return Mono.defer(() -> queries.marketplace(clock.instant()));
    }
}
