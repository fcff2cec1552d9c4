package io.lendx.ops;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.PoolMetrics;
import io.r2dbc.spi.ConnectionFactory;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The live numbers of the R2DBC connection pool, for health details. (Micronaut already
 * exports them as {@code r2dbc_pool_*} gauges.)
 */
@Singleton
public class DatabasePool {

    private final ConnectionFactory connectionFactory;

    public DatabasePool(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    public Optional<PoolMetrics> metrics() {
        return connectionFactory instanceof ConnectionPool pool ? pool.getMetrics() : Optional.empty();
    }
}
