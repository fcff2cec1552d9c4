package io.lendx.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micronaut.context.ApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/**
 * A throw-away PostgreSQL server for running LendX with no configuration: started before the
 * application context so that the R2DBC pool and Flyway can be pointed at it, stopped last.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedDatabase start() {
        try {
            EmbeddedDatabase database = new EmbeddedDatabase(EmbeddedPostgres.builder()
                    .setRegisterShutdownHook(false)
                    .start());
            LOG.info("Started embedded PostgreSQL on port {} (set DATABASE_URL to use a real server)",
                    database.port());
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL server", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** Data source properties pointing at this server; sample data is loaded into it. */
    public Map<String, Object> properties() {
        String location = "//localhost:" + port() + "/postgres";
        return Map.of(
                "r2dbc.datasources.default.url", "r2dbc:pool:postgresql:" + location,
                "r2dbc.datasources.default.username", "postgres",
                "flyway.datasources.default.url", "jdbc:postgresql:" + location,
                "flyway.datasources.default.user", "postgres",
                "lendx.sample-data.enabled", true);
    }

    /**
     * Stops the server once Micronaut's own shutdown hook has stopped the application, so the
     * connection pool closes against a live database. Closing the context from here instead
     * would deadlock with that hook.
     */
    public void closeAfter(ApplicationContext context) {
        long deadline = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
        while (context.isRunning() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Could not stop the embedded PostgreSQL server cleanly", e);
        }
    }
}
