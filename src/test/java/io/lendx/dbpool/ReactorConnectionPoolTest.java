package io.lendx.dbpool;

import io.lendx.support.Eventually;
import io.lendx.support.TestDatabase;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pool against a real PostgreSQL: giving back, reuse, waiting, rollback, expiry, lost connections. */
class ReactorConnectionPoolTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration ACQUIRE_TIMEOUT = Duration.ofMillis(300);

    private static Map<String, Object> database;
    private ReactorConnectionPool pool;
    private final AtomicInteger alarmsArmed = new AtomicInteger();

    @BeforeAll
    static void createDatabase() throws SQLException {
        database = TestDatabase.newDatabase();
        try (var connection = TestDatabase.connect(database); var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE written (n int)");
        }
    }

    @AfterEach
    void closePool() {
        if (pool != null) {
            pool.dispose();
        }
    }

    private ReactorConnectionPool pool(String query) {
        ConnectionFactoryOptions options = ConnectionFactoryOptions
                .parse(database.get("r2dbc.datasources.default.url") + query).mutate()
                .option(ConnectionFactoryOptions.USER, (String) database.get("r2dbc.datasources.default.username"))
                .option(ConnectionFactoryOptions.PASSWORD, (String) database.get("r2dbc.datasources.default.password"))
                .build();
        pool = ReactorConnectionPool.replacing((ConnectionPool) ConnectionFactories.get(options), options,
                ACQUIRE_TIMEOUT, (task, delay) -> {
                    alarmsArmed.incrementAndGet();
                    return Schedulers.parallel().schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
                });
        return pool;
    }

    private static Connection take(ReactorConnectionPool pool) {
        return pool.create().block(WAIT);
    }

    private static <T> T single(Connection connection, String sql, Class<T> type) {
        return Flux.from(connection.createStatement(sql).execute())
                .flatMap(result -> result.map((row, metadata) -> row.get(0, type)))
                .single().block(WAIT);
    }

    private static void giveBack(Connection connection) {
        Mono.from(connection.close()).block(WAIT);
    }

    @Test
    void aConnectionGivenBackIsTheNextOneTaken() {
        ReactorConnectionPool pool = pool("?initialSize=1&maxSize=2");

        Connection first = take(pool);
        int backend = single(first, "SELECT pg_backend_pid()", Integer.class);
        assertEquals(1, pool.metrics().acquiredSize());
        giveBack(first);
        assertEquals(0, pool.metrics().acquiredSize());

        Connection second = take(pool);
        assertEquals(backend, single(second, "SELECT pg_backend_pid()", Integer.class));
        assertEquals(1, pool.metrics().allocatedSize());
        assertEquals(2, pool.metrics().getMaxAllocatedSize());
        giveBack(second);
    }

    @Test
    void aConnectionGivenBackRefusesFurtherUse() {
        ReactorConnectionPool pool = pool("?initialSize=1&maxSize=1");
        Connection connection = take(pool);
        giveBack(connection);

        assertThrows(IllegalStateException.class, () -> connection.createStatement("SELECT 1"));
        giveBack(connection);
        assertEquals(0, pool.metrics().acquiredSize());
    }

    @Test
    void aTakerWaitsUntilAConnectionIsGivenBack() throws Exception {
        ReactorConnectionPool pool = pool("?initialSize=1&maxSize=1");
        Connection held = take(pool);

        CompletableFuture<Connection> waiting = pool.create().toFuture();
        assertFalse(waiting.isDone());
        assertEquals(1, pool.metrics().pendingAcquireSize());

        giveBack(held);
        Connection served = waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(1, single(served, "SELECT 1", Integer.class));
        giveBack(served);
        assertEquals(1, alarmsArmed.get(), "only the taker that waited set an alarm");
    }

    @Test
    void aTakerThatWaitsLongerThanTheTimeoutFailsAndTakesNothing() throws Exception {
        ReactorConnectionPool pool = pool("?initialSize=1&maxSize=1");
        Connection held = take(pool);

        long started = System.nanoTime();
        CompletableFuture<Connection> waiting = pool.create().toFuture();
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;

        assertInstanceOf(TimeoutException.class, failure.getCause());
        assertTrue(waitedMillis >= ACQUIRE_TIMEOUT.toMillis(), "waited " + waitedMillis + " ms");
        assertEquals(0, pool.metrics().pendingAcquireSize());
        giveBack(held);
        assertEquals(0, pool.metrics().acquiredSize());
        giveBack(take(pool));
    }

    @Test
    void aTransactionLeftOpenIsRolledBackWhenGivenBack() {
        ReactorConnectionPool pool = pool("?initialSize=1&maxSize=1");
        Connection writer = take(pool);
        Mono.from(writer.beginTransaction()).block(WAIT);
        Mono.from(writer.createStatement("INSERT INTO written VALUES (1)").execute()).block(WAIT);
        assertFalse(writer.isAutoCommit());
        giveBack(writer);

        Connection next = take(pool);
        assertTrue(next.isAutoCommit());
        assertEquals(0L, single(next, "SELECT count(*) FROM written", Long.class));
        giveBack(next);
    }

    @Test
    void aConnectionPastItsLifetimeIsClosedWhenGivenBack() {
        ReactorConnectionPool pool = pool("?initialSize=0&maxSize=1&maxLifeTime=PT0S");
        Connection first = take(pool);
        int backend = single(first, "SELECT pg_backend_pid()", Integer.class);
        giveBack(first);
        assertEquals(0, pool.metrics().allocatedSize());

        Connection second = take(pool);
        assertNotEquals(backend, single(second, "SELECT pg_backend_pid()", Integer.class));
        giveBack(second);
    }

    @Test
    void aConnectionWhoseServerEndedIsClosedAndReplaced() throws SQLException {
        ReactorConnectionPool pool = pool("?initialSize=1&maxSize=1");
        Connection first = take(pool);
        int backend = single(first, "SELECT pg_backend_pid()", Integer.class);
        try (var admin = TestDatabase.connect(database); var statement = admin.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(" + backend + ")");
        }
        Connection driverConnection = ((BorrowedConnection) first).unwrap();
        Eventually.within(WAIT, () -> !ReactorConnectionPool.open(driverConnection), "the driver sees the server gone");
        giveBack(first);
        assertEquals(0, pool.metrics().allocatedSize());

        Connection second = take(pool);
        assertNotEquals(backend, single(second, "SELECT pg_backend_pid()", Integer.class));
        giveBack(second);
    }
}
