package io.lendx.cache;

import io.lendx.replica.InvalidationWatermark;
import io.micronaut.core.annotation.Nullable;
import io.lendx.notification.NotificationListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.data.r2dbc.operations.R2dbcOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Hears the tables' change notices (migration 8's triggers, on {@value #CHANNEL}) and drops the
 * answers that read them. After a mutation, {@link #heardOwnWrites()} makes sure its own notices
 * have been applied before its answer goes out: it sends a marker notice of its own and waits to
 * hear it back, and PostgreSQL delivers notices in commit order, so the mutation's came first.
 */
@Singleton
class TableNotices implements NotificationListener {

    static final String CHANNEL = "lendx_tables";
    private static final Logger LOG = LoggerFactory.getLogger(TableNotices.class);
    private static final String MARKER = "marker:";
    /** Far longer than a notice takes on a healthy database; past it, everything is dropped instead. */
    private static final Duration MARKER_TIMEOUT = Duration.ofSeconds(2);

    private final TableVersions versions;
    private final ResponseStore store;
    private final R2dbcOperations database;
    private final Map<String, Counter> invalidations = new ConcurrentHashMap<>();
    private final Map<String, Marker> awaitedMarkers = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Timer noticeDelay;
    @Nullable
    private final InvalidationWatermark replicaWatermark;

    TableNotices(TableVersions versions, ResponseStore store, R2dbcOperations database, MeterRegistry meters,
                 @Nullable InvalidationWatermark replicaWatermark) {
        this.versions = versions;
        this.store = store;
        this.database = database;
        this.meters = meters;
        this.replicaWatermark = replicaWatermark;
        this.noticeDelay = Timer.builder("lendx_cache_notice_delay")
                .description("From sending a notice to hearing it back: how soon other instances hear a change")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public void heard(String payload) {
        if (payload.startsWith(MARKER)) {
            Marker waiting = awaitedMarkers.remove(payload);
            if (waiting != null) {
                noticeDelay.record(System.nanoTime() - waiting.sent(), TimeUnit.NANOSECONDS);
                waiting.sink().success();
            }
            return;
        }
        long table = GraphTables.bit(payload);
        if (table != 0) {
            if (replicaWatermark != null) {
                replicaWatermark.heard();
            }
            versions.changed(table);
            store.dropReading(table);
            invalidations(payload).increment();
        }
    }

    @Override
    public void listening(boolean listening) {
        if (replicaWatermark != null) {
            if (listening) {
                replicaWatermark.heard();
            } else {
                replicaWatermark.deaf();
            }
        }
        versions.listening(listening);
        if (!listening) {
            store.clear();
            // The markers will not come back; nothing is left for the mutations waiting on them to wait for.
            awaitedMarkers.keySet().forEach(marker -> {
                Marker waiting = awaitedMarkers.remove(marker);
                if (waiting != null) {
                    waiting.sink().success();
                }
            });
            LOG.warn("Response cache bypassed and emptied until change notices are heard again");
        }
    }

    /** Completes once every notice committed before it was called has been applied. */
    Mono<Void> heardOwnWrites() {
        if (!versions.listening()) {
            return Mono.empty();
        }
        String marker = MARKER + UUID.randomUUID();
        long sent = System.nanoTime();
        Mono<Void> heard = Mono.create(sink -> {
            awaitedMarkers.put(marker, new Marker(sent, sink));
            sink.onDispose(() -> awaitedMarkers.remove(marker));
        });
        Mono<Void> send = Flux.from(database.withConnection(connection -> Flux.from(connection
                        .createStatement("SELECT pg_notify('" + CHANNEL + "', $1)").bind(0, marker).execute())
                .flatMap(result -> result.map((row, meta) -> 1)))).then();
        return heard.and(send)
                .timeout(MARKER_TIMEOUT)
                .onErrorResume(failure -> {
                    LOG.warn("Did not hear this instance's own change notice back ({}); dropping every cached answer",
                            failure.getMessage());
                    versions.changed(-1L);
                    store.clear();
                    return Mono.empty();
                });
    }

    /** A mutation waiting to hear its marker back, and since when. */
    private record Marker(long sent, MonoSink<Void> sink) {
    }

    private Counter invalidations(String table) {
        return invalidations.computeIfAbsent(table, name -> Counter.builder("lendx_cache_invalidations")
                .description("Change notices heard, by table: each drops the cached answers that read the table")
                .tag("table", name)
                .register(meters));
    }
}
