package io.lendx.replica;

import io.lendx.validation.Sha256;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides where a GraphQL operation reads, and remembers where a caller's writes ended. Without
 * a replica everything reads the primary and nothing here costs a statement. With one, a query
 * reads the replica unless: it fills the response cache while the replica has not replayed every
 * change this instance heard of (a kept answer must not be older than an invalidation it already
 * received), the replica is down or lags too far, or the caller's key wrote something the replica
 * has not replayed yet (read-your-writes, as GitLab's load balancer does it). Counted in {@code lendx_db_reads_total} by target and reason.
 */
@Singleton
public class ReadRouting {

    /** Set in the GraphQL context by the response cache when the answer will be kept. */
    public static final String FILLS_CACHE = ReadRouting.class.getName() + ".fillsCache";
    private static final Mono<Route> PRIMARY = Mono.just(Route.PRIMARY);
    private static final Mono<Route> REPLICA = Mono.just(Route.REPLICA);

    @Nullable
    private final ReplicaMonitor replica;
    @Nullable
    private final WritePositions positions;
    @Nullable
    private final InvalidationWatermark invalidations;
    private final MeterRegistry meters;
    private final Map<String, Counter> reads = new ConcurrentHashMap<>();

    public ReadRouting(@Nullable ReplicaMonitor replica, @Nullable WritePositions positions,
                       @Nullable InvalidationWatermark invalidations, MeterRegistry meters) {
        this.replica = replica;
        this.positions = positions;
        this.invalidations = invalidations;
        this.meters = meters;
    }

    /** Whether there is a replica to route to at all; without one nothing here needs to run. */
    public boolean routes() {
        return replica != null && positions != null;
    }

    /**
     * Where the operation about to run in {@code context} reads. The caller is told apart by its
     * {@code authorization} header (hashed), so routing needs no authentication of its own.
     */
    public Mono<Route> route(Map<Object, Object> context, @Nullable String authorization, boolean mutation) {
        if (replica == null || positions == null) {
            return PRIMARY;
        }
        if (mutation) {
            return counted(Route.PRIMARY, "write");
        }
        if (Boolean.TRUE.equals(context.get(FILLS_CACHE))
                && (invalidations == null || !invalidations.replicaMayFill(replica))) {
            return counted(Route.PRIMARY, "cache_fill");
        }
        String unusable = replica.unusableBecause();
        if (unusable != null) {
            return counted(Route.PRIMARY, unusable);
        }
        if (authorization == null) {
            return counted(Route.REPLICA, "anonymous");
        }
        return positions.latestOf(Sha256.hex(authorization))
                .flatMap(written -> replica.hasReplayed(written) ? counted(Route.REPLICA, "replayed_own_writes")
                        : counted(Route.PRIMARY, "read_your_writes"))
                .switchIfEmpty(Mono.defer(() -> counted(Route.REPLICA, "no_recent_writes")));
    }

    /**
     * After a mutation that succeeded with an {@code authorization}: where its writes ended, so
     * that the key's next queries see them.
     */
    public Mono<Void> written(@Nullable String authorization) {
        if (positions == null || authorization == null) {
            return Mono.empty();
        }
        return positions.recordFor(Sha256.hex(authorization));
    }

    /** A query the replica cancelled (a recovery conflict) runs again on the primary. */
    public void retriedOnPrimary() {
        counted(Route.PRIMARY, "recovery_conflict");
    }

    private Mono<Route> counted(Route target, String reason) {
        reads.computeIfAbsent(target + "/" + reason, key -> Counter.builder("lendx.db.reads")
                        .description("GraphQL operations by the database they read, and why")
                        .tag("target", target.name().toLowerCase()).tag("reason", reason).register(meters))
                .increment();
        return target == Route.REPLICA ? REPLICA : PRIMARY;
    }
}
