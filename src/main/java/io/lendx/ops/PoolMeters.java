package io.lendx.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.configuration.metrics.binder.r2dbc.R2dbcPoolMetricsBinder;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * {@code r2dbc_pool_*{name="default"}} for the primary's pool also when something wraps it:
 * Micronaut's own binder looks only at the bean, which is then no pool. Registering a gauge that
 * Micronaut already registered changes nothing.
 */
@Singleton
public class PoolMeters implements MeterBinder {

    private final DatabasePool pool;

    public PoolMeters(DatabasePool pool) {
        this.pool = pool;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        pool.metrics().ifPresent(metrics -> new R2dbcPoolMetricsBinder(metrics, "default", List.of()).bindTo(registry));
    }
}
