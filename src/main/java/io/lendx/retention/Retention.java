package io.lendx.retention;

import io.lendx.jobs.Job;
import io.lendx.jobs.OneInstanceAtATime;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Result;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deletes what is kept no longer: idempotency records older than {@code LENDX_RETENTION_IDEMPOTENCY}
 * (7 days), sign-in challenges used or expired, API keys expired longer than
 * {@code LENDX_RETENTION_EXPIRED_KEYS} (90 days), and audit rows older than
 * {@code LENDX_RETENTION_AUDIT} when it is set (kept forever otherwise) through the path the
 * append-only trigger allows. Runs every {@code LENDX_RETENTION_INTERVAL} (1 h) on every instance,
 * but only one at a time does the work: the others find PostgreSQL's advisory lock taken and
 * skip. Counts what it removed in {@code lendx_retention_deleted_rows_total} by kind.
 */
@Singleton
public class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    private final OneInstanceAtATime rounds;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Duration idempotency;
    private final Duration expiredKeys;
    @Nullable
    private final Duration audit;

    public Retention(OneInstanceAtATime rounds, Clock clock, MeterRegistry meters,
                     @Value("${lendx.retention.idempotency:7d}") Duration idempotency,
                     @Value("${lendx.retention.expired-keys:90d}") Duration expiredKeys,
                     @Nullable @Property(name = "lendx.retention.audit") Duration audit) {
        this.rounds = rounds;
        this.clock = clock;
        this.meters = meters;
        this.idempotency = idempotency;
        this.expiredKeys = expiredKeys;
        this.audit = audit;
    }

    @Scheduled(fixedDelay = "${lendx.retention.interval:1h}", initialDelay = "${lendx.retention.interval:1h}")
    void scheduled() {
        run().subscribe(deleted -> LOG.info("Retention deleted {}", deleted),
                failure -> LOG.warn("Retention run failed: {}", failure.getMessage()));
    }

    /** One run: rows deleted by kind, or nothing when another instance holds the lock. */
    public Mono<Map<String, Long>> run() {
        Instant now = clock.instant();
        return rounds.run(Job.RETENTION, connection -> deletions(connection, now))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new)
                .doOnNext(deleted -> deleted.forEach((kind, rows) ->
                        meters.counter("lendx.retention.deleted.rows", "kind", kind).increment(rows)));
    }

    private Flux<Map.Entry<String, Long>> deletions(Connection connection, Instant now) {
        Flux<Map.Entry<String, Long>> deletions = Flux.concat(
                delete(connection, "idempotency_records", "DELETE FROM idempotency_keys WHERE created_at < $1",
                        at(now.minus(idempotency))),
                delete(connection, "sign_in_challenges",
                        "DELETE FROM sign_in_challenges WHERE used_at IS NOT NULL OR expires_at < $1", at(now)),
                delete(connection, "expired_api_keys", "DELETE FROM api_keys WHERE expires_at < $1",
                        at(now.minus(expiredKeys))));
        if (audit == null) {
            return deletions;
        }
        OffsetDateTime cutoff = at(now.minus(audit));
        return deletions.concatWith(Flux.from(connection
                        .createStatement("SELECT set_config('lendx.audit_retention_cutoff', $1, true)")
                        .bind(0, cutoff.toString()).execute())
                .flatMap(Result::getRowsUpdated)
                .thenMany(delete(connection, "audit_events", "DELETE FROM audit_events WHERE occurred_at < $1",
                        cutoff)));
    }

    private static Mono<Map.Entry<String, Long>> delete(Connection connection, String kind, String sql,
                                                        OffsetDateTime before) {
        return Flux.from(connection.createStatement(sql).bind(0, before).execute())
                .flatMap(Result::getRowsUpdated)
                .reduce(0L, Long::sum)
                .map(rows -> Map.entry(kind, rows));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
