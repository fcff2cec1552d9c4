package io.lendx.dbpool;

import io.lendx.timer.DeadlineTimer;
import io.micronaut.context.annotation.Value;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactoryOptions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Makes the service's connection pools, the primary's ({@link ConnectionPoolInstaller}) and the
 * replica's, and closes them when the application stops. {@code LENDX_DB_POOL_ACQUIRE_TIMEOUT}
 * ({@code lendx.db.pool.acquire-timeout}, 3 s; zero for none) is how long a taker may wait for a
 * free connection, on both; its alarms are on the request-deadline wheel, which only ticks, where
 * reactor-pool's default (the parallel scheduler) would wake a thread for each.
 */
@Singleton
public class ConnectionPools {

    private final Duration acquireTimeout;
    private final DeadlineTimer deadlines;
    private final List<ReactorConnectionPool> made = new CopyOnWriteArrayList<>();

    ConnectionPools(@Value("${lendx.db.pool.acquire-timeout:3s}") Duration acquireTimeout, DeadlineTimer deadlines) {
        this.acquireTimeout = acquireTimeout.isNegative() || acquireTimeout.isZero() ? null : acquireTimeout;
        this.deadlines = deadlines;
    }

    /** A pool in place of r2dbc-pool's {@code original}, built from {@code options}. */
    public ReactorConnectionPool replacing(ConnectionPool original, ConnectionFactoryOptions options) {
        ReactorConnectionPool pool = ReactorConnectionPool.replacing(original, options, acquireTimeout,
                (task, delay) -> deadlines.alarm(task, delay.toMillis()));
        made.add(pool);
        return pool;
    }

    @PreDestroy
    void close() {
        made.forEach(ReactorConnectionPool::dispose);
    }
}
