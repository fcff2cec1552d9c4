package io.lendx.config;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.r2dbc.operations.R2dbcOperations;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

/**
 * Loads the sample marketplace into an empty database at start-up, so a developer who runs
 * the service with no configuration has a graph to explore. Never touches a database that
 * already has users.
 */
@Singleton
@Requires(property = "lendx.sample-data.enabled", value = "true")
public class SampleMarketplace {

    private static final Logger LOG = LoggerFactory.getLogger(SampleMarketplace.class);
    private static final String SCRIPT = "db/sample/sample-marketplace.sql";

    private final R2dbcOperations operations;
    private final Clock clock;

    public SampleMarketplace(R2dbcOperations operations, Clock clock) {
        this.operations = operations;
        this.clock = clock;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        load().subscribe(loaded -> { }, failure -> LOG.error("Could not load the sample marketplace", failure));
    }

    /** Loads the sample data unless users exist; emits whether it loaded. */
    public Mono<Boolean> load() {
        String script = script(clock.instant());
        return Mono.from(operations.withTransaction(status -> Flux.from(status.getConnection()
                        .createStatement("SELECT EXISTS (SELECT 1 FROM users)").execute())
                .flatMap(result -> result.map((row, metadata) -> row.get(0, Boolean.class)))
                .next()
                .flatMap(hasUsers -> hasUsers ? Mono.just(false) : Flux.from(status.getConnection()
                                .createStatement(script).execute())
                        .flatMap(result -> result.getRowsUpdated())
                        .then(Mono.just(true)))))
                .doOnNext(loaded -> LOG.info(loaded ? "Loaded the sample marketplace"
                        : "Sample marketplace skipped: the database already has users"));
    }

    /** The sample data as SQL, its dates relative to {@code now}. */
    public static String script(Instant now) {
        try (InputStream in = SampleMarketplace.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + SCRIPT);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace(":now", "TIMESTAMPTZ '" + now + "'");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
