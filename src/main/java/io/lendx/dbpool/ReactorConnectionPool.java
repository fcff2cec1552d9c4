package io.lendx.dbpool;

import io.micronaut.core.annotation.Nullable;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.PoolMetrics;
import io.r2dbc.spi.Closeable;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.pool.InstrumentedPool;
import reactor.pool.PoolBuilder;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;

/**
 * A pool of the driver's connections on reactor-pool. Taking a connection is the pool's
 * acquisition and a wrapper ({@link BorrowedConnection}); closing it gives it back. reactor-pool
 * asks the eviction test both when it hands an idle connection out and when one is given back, so
 * a connection that has lost its server, or has outlived {@code maxIdleTime} or
 * {@code maxLifeTime}, is closed there instead (r2dbc-pool validated the same way, with a
 * {@code Mono} chain each time); idle ones are also swept every {@code maxIdleTime}. A taker
 * that has to wait for a connection fails after the acquisition timeout with reactor-pool's
 * {@code PoolAcquireTimeoutException}, a {@code TimeoutException} (so {@code DATABASE_UNAVAILABLE});
 * reactor-pool arms that timer only for a taker that waits.
 */
public final class ReactorConnectionPool implements ConnectionFactory, Wrapped<ConnectionFactory>, Closeable, Disposable {

    private static final Logger LOG = LoggerFactory.getLogger(ReactorConnectionPool.class);

    private final ConnectionFactory driver;
    private final InstrumentedPool<Connection> pool;
    private final PoolMetrics metrics;
    @Nullable
    private final Duration acquireTimeout;

    /** Sets off a task after a delay, unless the handle it returns is disposed first. */
    public interface Alarms extends BiFunction<Runnable, Duration, Disposable> {
    }

    ReactorConnectionPool(ConnectionFactory driver, PoolSettings settings, @Nullable Duration acquireTimeout, Alarms alarms) {
        this.driver = driver;
        this.acquireTimeout = acquireTimeout;
        PoolBuilder<Connection, ?> builder = PoolBuilder
                // Opened off the driver's event loops: one opened on a loop would share it (reactor-netty colocates).
                .from(Mono.<Connection>from(driver.create()).subscribeOn(Schedulers.single()))
                .sizeBetween(settings.initialSize(), settings.maxSize())
                .evictionPredicate((connection, use) -> settings.expired(use.idleTime(), use.lifeTime()) || !open(connection))
                .destroyHandler(Connection::close)
                .pendingAcquireTimer(alarms)
                // The most recently used first, so that connections left idle grow old enough to be closed.
                .idleResourceReuseMruOrder();
        if (!settings.maxIdleTime().isNegative() && !settings.maxIdleTime().isZero()) {
            builder.evictInBackground(settings.maxIdleTime());
        }
        this.pool = builder.buildPool();
        this.metrics = new Metrics(pool.metrics());
    }

    /**
     * In place of an r2dbc-pool {@code original} built from {@code options}, over the same driver;
     * a taker waits at most {@code acquireTimeout} (null: as long as it takes), timed by {@code alarms}.
     * The original is disposed unused: reactor-pool opens no connection before the first acquisition.
     */
    public static ReactorConnectionPool replacing(ConnectionPool original, ConnectionFactoryOptions options,
                                                  @Nullable Duration acquireTimeout, Alarms alarms) {
        PoolSettings settings = PoolSettings.from(options);
        List<String> unread = PoolSettings.unread(options);
        if (!unread.isEmpty()) {
            LOG.warn("Connection pool options {} are not implemented by this service's pool and are ignored", unread);
        }
        original.dispose();
        return new ReactorConnectionPool(original.unwrap(), settings, acquireTimeout, alarms);
    }

    /**
     * Whether the driver still has its connection to the server, asked twice per statement (taken,
     * given back). r2dbc-postgresql answers a local validation with {@code Mono.fromSupplier}, a
     * {@code Callable} that Reactor's own operators call directly instead of subscribing, and so
     * does this; any other answer is subscribed to, and one not given at once counts as open.
     */
    static boolean open(Connection connection) {
        Publisher<Boolean> local = connection.validate(ValidationDepth.LOCAL);
        if (local instanceof Callable<?> immediate) {
            try {
                return !Boolean.FALSE.equals(immediate.call());
            } catch (Exception failure) {
                return false;
            }
        }
        return Mono.from(local).toFuture()
                .handle((valid, failure) -> failure == null && !Boolean.FALSE.equals(valid))
                .getNow(true);
    }

    @Override
    public Mono<Connection> create() {
        return (acquireTimeout == null ? pool.acquire() : pool.acquire(acquireTimeout)).map(BorrowedConnection::new);
    }

    /** The numbers r2dbc-pool reported, for the {@code r2dbc_pool_*} gauges and the health details. */
    public PoolMetrics metrics() {
        return metrics;
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return driver.getMetadata();
    }

    @Override
    public ConnectionFactory unwrap() {
        return driver;
    }

    @Override
    public Mono<Void> close() {
        return pool.disposeLater();
    }

    @Override
    public void dispose() {
        pool.dispose();
    }

    @Override
    public boolean isDisposed() {
        return pool.isDisposed();
    }

    private record Metrics(InstrumentedPool.PoolMetrics pool) implements PoolMetrics {

        @Override
        public int acquiredSize() {
            return pool.acquiredSize();
        }

        @Override
        public int allocatedSize() {
            return pool.allocatedSize();
        }

        @Override
        public int idleSize() {
            return pool.idleSize();
        }

        @Override
        public int pendingAcquireSize() {
            return pool.pendingAcquireSize();
        }

        @Override
        public int getMaxAllocatedSize() {
            return pool.getMaxAllocatedSize();
        }

        @Override
        public int getMaxPendingAcquireSize() {
            return pool.getMaxPendingAcquireSize();
        }
    }
}
