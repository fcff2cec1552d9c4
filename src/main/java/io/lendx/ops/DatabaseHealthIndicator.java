package io.lendx.ops;

import io.micronaut.data.r2dbc.operations.R2dbcOperations;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ready only while the database answers, within two seconds. The details (pool numbers and the
 * schema's migration version) are shown to ADMIN keys only, like every health detail.
 */
@Singleton
@Readiness
public class DatabaseHealthIndicator implements HealthIndicator {

    private static final String NAME = "database";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final String MIGRATION_VERSION =
            "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1";

    private final R2dbcOperations operations;
    private final DatabasePool pool;

    public DatabaseHealthIndicator(R2dbcOperations operations, DatabasePool pool) {
        this.operations = operations;
        this.pool = pool;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.from(operations.withConnection(connection -> Flux.from(connection.createStatement(
                                MIGRATION_VERSION).execute())
                        .flatMap(result -> result.map((row, metadata) -> String.valueOf(row.get(0, String.class))))))
                .defaultIfEmpty("none")
                .timeout(TIMEOUT)
                .map(version -> HealthResult.builder(NAME, HealthStatus.UP).details(details(version)).build())
                .onErrorResume(failure -> Mono.just(HealthResult.builder(NAME, HealthStatus.DOWN)
                        .details(Map.of("error", "The database did not answer within " + TIMEOUT.toSeconds() + "s"))
                        .build()));
    }

    private Map<String, Object> details(String migrationVersion) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("migrationVersion", migrationVersion);
        pool.metrics().ifPresent(metrics -> {
            details.put("poolMaxSize", metrics.getMaxAllocatedSize());
            details.put("poolAllocated", metrics.allocatedSize());
            details.put("poolAcquired", metrics.acquiredSize());
            details.put("poolIdle", metrics.idleSize());
            details.put("poolPendingAcquire", metrics.pendingAcquireSize());
        });
        return details;
    }
}
