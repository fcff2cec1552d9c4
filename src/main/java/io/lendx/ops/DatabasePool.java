package io.lendx.ops;

import io.lendx.dbpool.ReactorConnectionPool;
import io.r2dbc.pool.PoolMetrics;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The live numbers of the primary's R2DBC connection pool, for health details and the
 * {@code r2dbc_pool_*} gauges ({@link PoolMeters}).
 */
@Singleton
public class DatabasePool {

    private final ConnectionFactory connectionFactory;

    public DatabasePool(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    public Optional<PoolMetrics> metrics() {
        return pool().map(ReactorConnectionPool::metrics);
    }

    /** The primary's pool, under whatever wraps it (statement log, replica routing). */
    public Optional<ReactorConnectionPool> pool() {
        ConnectionFactory factory = connectionFactory;
        while (!(factory instanceof ReactorConnectionPool) && factory instanceof Wrapped<?> wrapped
                && wrapped.unwrap() instanceof ConnectionFactory inner) {
            factory = inner;
        }
        return factory instanceof ReactorConnectionPool pool ? Optional.of(pool) : Optional.empty();
    }
}
