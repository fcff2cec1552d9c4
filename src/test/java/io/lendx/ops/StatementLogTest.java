package io.lendx.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lendx.support.DatabaseTest;
import io.lendx.support.GraphQLClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LENDX_DB_LOG_STATEMENTS logs each statement with its duration; bind values only with
 * LENDX_DB_LOG_BIND_VALUES, and never in prod. Each case starts a server of its own.
 */
class StatementLogTest extends DatabaseTest {

    /** A value the query binds, which must show only when bind values are logged. */
    private static final String ADDRESS = "rUZc1twmEgyCkGKso7hiVHo9brQtXhhWRn";

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger sql = (Logger) LoggerFactory.getLogger("io.lendx.sql");

    @BeforeEach
    void capture() {
        lines.start();
        sql.addAppender(lines);
        sql.setLevel(Level.INFO);
    }

    @AfterEach
    void release() {
        sql.detachAppender(lines);
    }

    @Test
    void statementsAreLoggedWithTheirDurationButNotTheirValues() {
        List<String> logged = run(Map.of("lendx.db.log-statements", "true"));

        assertTrue(logged.stream().anyMatch(line -> line.matches("\\d+ ms: SELECT .*FROM users.*")), logged::toString);
        assertFalse(logged.stream().anyMatch(line -> line.contains(ADDRESS)), logged::toString);
    }

    @Test
    void bindValuesAreLoggedOnlyWhenAskedFor() {
        List<String> logged = run(Map.of("lendx.db.log-statements", "true", "lendx.db.log-bind-values", "true"));

        assertTrue(logged.stream().anyMatch(line -> line.contains("FROM users") && line.contains(ADDRESS)),
                logged::toString);
    }

    @Test
    void bindValuesAreNeverLoggedInProd() {
        List<String> logged = run(Map.of("lendx.db.log-statements", "true", "lendx.db.log-bind-values", "true"),
                "prod");

        assertTrue(logged.stream().anyMatch(line -> line.contains("FROM users")), logged::toString);
        assertFalse(logged.stream().anyMatch(line -> line.contains(ADDRESS)), logged::toString);
    }

    @Test
    void nothingIsLoggedByDefault() {
        assertTrue(run(Map.of()).isEmpty(), lines.list::toString);
    }

    /** The lines logged while a server with {@code settings} answers a lookup of one user. */
    private List<String> run(Map<String, String> settings, String... environments) {
        Map<String, Object> properties = new HashMap<>(getProperties());
        properties.putAll(settings);
        String[] active = new String[environments.length + 1];
        active[0] = "test";
        System.arraycopy(environments, 0, active, 1, environments.length);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, active)) {
            lines.list.clear();
            server.getApplicationContext().getBean(GraphQLClient.class)
                    .send("{ user(address: \"" + ADDRESS + "\") { address } }", Map.of(), null);
            return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
