package io.lendx.monitoring;

import io.lendx.support.TestDatabase;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.R2dbcException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A statement's rows read as one list against a real PostgreSQL, and counted as a request's statement. */
class StatementRowsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static ConnectionFactoryOptions options;
    private final List<ExecutedStatement> executed = new CopyOnWriteArrayList<>();
    private final RequestProfile profile = new RequestProfile(System.nanoTime());
    private Connection driver;
    private Connection connection;

    @BeforeAll
    static void createDatabase() {
        Map<String, Object> database = TestDatabase.newDatabase();
        options = ConnectionFactoryOptions.parse(((String) database.get("r2dbc.datasources.default.url"))
                        .replace("r2dbc:pool:", "r2dbc:")).mutate()
                .option(ConnectionFactoryOptions.USER, (String) database.get("r2dbc.datasources.default.username"))
                .option(ConnectionFactoryOptions.PASSWORD, (String) database.get("r2dbc.datasources.default.password"))
                .build();
    }

    @BeforeEach
    void connect() {
        driver = Mono.from(ConnectionFactories.get(options).create()).block(WAIT);
        connection = new ProfiledConnection(driver, profile, new Recorder(), null);
    }

    @AfterEach
    void disconnect() {
        Mono.from(driver.close()).block(WAIT);
    }

    @Test
    void everyRowInOrderAndTheStatementCountedOnceWithThem() {
        List<Integer> rows = StatementRows.of(connection.createStatement("SELECT generate_series(1, $1)").bind(0, 5),
                row -> row.get(0, Integer.class)).block(WAIT);

        assertEquals(List.of(1, 2, 3, 4, 5), rows);
        assertEquals(1, profile.statements());
        assertEquals(1, executed.size());
        assertEquals(5, executed.get(0).rows());
        assertEquals("SELECT generate_series(1, $1)", executed.get(0).sql());
        assertNull(executed.get(0).failure());
    }

    @Test
    void noRowsIsAnEmptyList() {
        assertEquals(List.of(), StatementRows.of(connection.createStatement("SELECT 1 WHERE false"),
                row -> row.get(0, Integer.class)).block(WAIT));
        assertEquals(0, executed.get(0).rows());
    }

    @Test
    void aFailedStatementFailsTheReadAndIsCountedWithItsFailure() {
        Mono<List<Integer>> read = StatementRows.of(connection.createStatement("SELECT 1 / (0 * $1)").bind(0, 1),
                row -> row.get(0, Integer.class));

        R2dbcException failure = assertThrows(R2dbcException.class, () -> read.block(WAIT));
        assertEquals("22012", failure.getSqlState(), "division by zero");
        assertEquals(1, profile.statements());
        assertEquals(failure, executed.get(0).failure());
        assertEquals(List.of(7), readSeven(), "the connection is usable afterwards");
    }

    @Test
    void aStatementTheDriverRefusesBeforeSendingFailsTheReadAndIsCounted() {
        Mono<List<Integer>> unbound = StatementRows.of(connection.createStatement("SELECT $1::int"),
                row -> row.get(0, Integer.class));

        assertThrows(IllegalStateException.class, () -> unbound.block(WAIT));
        assertEquals(1, executed.size());
        assertInstanceOf(IllegalStateException.class, executed.get(0).failure());
    }

    @Test
    void aCancelledReadIsCountedOnceAndTheConnectionStaysUsable() {
        Disposable reading = StatementRows.of(connection.createStatement("SELECT pg_sleep(0.3)"),
                row -> row.get(0, Object.class)).subscribe();
        reading.dispose();

        assertEquals(1, executed.size(), "counted as it is cancelled");
        assertEquals(List.of(7), readSeven(), "the connection is usable afterwards");
        assertEquals(2, executed.size());
    }

    @Test
    void aStatementOutsideARequestIsReadWithoutBeingCounted() {
        assertEquals(List.of("x"), StatementRows.of(driver.createStatement("SELECT 'x'"),
                row -> row.get(0, String.class)).block(WAIT));
        assertEquals(0, profile.statements());
        assertTrue(executed.isEmpty());
    }

    private List<Integer> readSeven() {
        return StatementRows.of(connection.createStatement("SELECT 7"), row -> row.get(0, Integer.class)).block(WAIT);
    }

    private final class Recorder implements StatementObserver {

        @Override
        public Object connectionTaken(RequestProfile request) {
            return null;
        }

        @Override
        public void executed(Object connection, ExecutedStatement statement) {
            StatementRowsTest.this.executed.add(statement);
        }

        @Override
        public void transactionBegan(Object connection) {
        }

        @Override
        public void transactionEnded(Object connection, boolean committed, Throwable failure) {
        }
    }
}
