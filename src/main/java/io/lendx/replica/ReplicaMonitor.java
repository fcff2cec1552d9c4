package io.lendx.replica;

import io.lendx.health.AdvisoryHealthIndicator;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.scheduling.annotation.Scheduled;
import io.r2dbc.spi.Connection;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks the replica how far it has replayed, every {@code LENDX_DB_REPLICA_CHECK_INTERVAL}
 * (100 ms), so that routing a query costs no statement. A replica that does not answer within a
 * second, lags more than {@code LENDX_DB_REPLICA_MAX_LAG} (10 s), or has not yet replayed the
 * migrations this instance started with, is not used until it has.
 * Exported as {@code lendx_db_replica_lag_seconds}, {@code lendx_db_replica_up} and {@code replica}
 * in {@code /health}'s details, which readiness does not depend on.
 */
@Singleton
@Requires(beans = Replica.class)
public class ReplicaMonitor implements AdvisoryHealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaMonitor.class);
    private static final String NAME = "replica";
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(1);
    /**
     * The replay position, and the lag: nothing while it has replayed all it received, else the
     * age of the last transaction it replayed, unbounded when it replayed none since it started
     * (it may be missing anything). A server not in recovery answers as caught up.
     */
    private static final String POSITION = "SELECT coalesce(pg_last_wal_replay_lsn(), pg_current_wal_lsn())::text,"
            + " CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
            + " ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8, 'Infinity')"
            + " END::float8";

    private static final long NOT_YET = Long.MAX_VALUE;

    private final Replica replica;
    private final PrimaryWal primary;
    private final Duration maxLag;
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile State state = State.DOWN;
    private volatile boolean started;
    /** The primary's position once this instance started, its migrations applied: the replica must have it too. */
    private volatile long schemaPosition = NOT_YET;

    /** What the last check found, and when (System.nanoTime(): elapsed time, not the business clock). */
    record State(boolean up, long replayed, double lagSeconds, long checkedAt) {
        static final State DOWN = new State(false, 0, Double.NaN, 0);
    }

    public ReplicaMonitor(Replica replica, PrimaryWal primary, @Value("${lendx.db.replica.max-lag:10s}") Duration maxLag,
                          MeterRegistry meters) {
        this.replica = replica;
        this.primary = primary;
        this.maxLag = maxLag;
        Gauge.builder("lendx.db.replica.lag", this, monitor -> monitor.state.lagSeconds())
                .baseUnit("seconds").description("How far the replica's replay is behind what it received")
                .register(meters);
        Gauge.builder("lendx.db.replica.up", this, monitor -> monitor.state.up() ? 1 : 0)
                .description("1 while the replica answers").register(meters);
    }

    /**
     * Migrations ran before start-up completed. A replica that lags even within the maximum may
     * not have them yet, and a query using a new table or column would fail there.
     */
    @EventListener
    void started(StartupEvent event) {
        started = true;
    }

    @Scheduled(fixedDelay = "${lendx.db.replica.check-interval:100ms}")
    void check() {
        if (!checking.compareAndSet(false, true)) {
            return;
        }
        if (started && schemaPosition == NOT_YET) {
            primary.position().subscribe(position -> schemaPosition = position,
                    failure -> LOG.debug("The primary's position is not known yet", failure));
        }
        Mono.usingWhen(Mono.from(replica.connections().create()), this::position, Connection::close)
                .timeout(ANSWER_WITHIN)
                .doFinally(signal -> checking.set(false))
                .subscribe(found -> state = found, failure -> {
                    if (state.up()) {
                        LOG.warn("The replica stopped answering ({}): queries read the primary", failure.getMessage());
                    }
                    state = State.DOWN;
                });
    }

    private Mono<State> position(Connection connection) {
        return Flux.from(connection.createStatement(POSITION).execute())
                .flatMap(result -> result.map(row -> new State(true, WalPosition.parse(row.get(0, String.class)),
                        row.get(1, Double.class), System.nanoTime())))
                .next();
    }

    /** Why a query may not read the replica now, or null if it may. */
    String unusableBecause() {
        State now = state;
        if (!now.up() || System.nanoTime() - now.checkedAt() > ANSWER_WITHIN.toNanos()) {
            return "replica_down";
        }
        if (now.replayed() < schemaPosition) {
            return "replica_behind_migrations";
        }
        return now.lagSeconds() > maxLag.toMillis() / 1000.0 ? "replica_lagging" : null;
    }

    /** Whether the replica has replayed the WAL up to {@code position}, as of the last check. */
    boolean hasReplayed(long position) {
        return state.replayed() >= position;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        State now = state;
        String unusable = unusableBecause();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", unusable == null ? "UP" : unusable.equals("replica_down") ? "DOWN" : "LAGGING");
        if (now.up()) {
            details.put("lagSeconds", now.lagSeconds());
        }
        return Mono.just(HealthResult.builder(NAME, unusable == null ? HealthStatus.UP : HealthStatus.DOWN)
                .details(details).build());
    }
}
