package io.lendx.ops;

import io.lendx.execution.DeadlineTimer;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.order.Ordered;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.Wrapped;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.time.Duration;

/**
 * {@code LENDX_DB_POOL_ACQUIRE_TIMEOUT}: how long taking a connection may wait for one to be
 * free, on the primary and the replica alike, before the request fails with
 * {@code DATABASE_UNAVAILABLE} ({@link PendingAcquisitionTimeout}). Around every other wrapper
 * but the statement counting, which stays outermost.
 */
@Singleton
class AcquisitionTimeout implements BeanCreatedEventListener<ConnectionFactory>, Ordered {

    private final Duration timeout;
    private final DeadlineTimer alarms;

    AcquisitionTimeout(@Value("${lendx.db.pool.acquire-timeout:3s}") Duration timeout, DeadlineTimer alarms) {
        this.timeout = timeout;
        this.alarms = alarms;
    }

    @Override
    public ConnectionFactory onCreated(BeanCreatedEvent<ConnectionFactory> event) {
        return timeout.isNegative() || timeout.isZero() ? event.getBean() : new Timed(event.getBean(), timeout, alarms);
    }

    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE - 1;
    }

    private record Timed(ConnectionFactory delegate, Duration timeout, DeadlineTimer alarms)
            implements ConnectionFactory, Wrapped<ConnectionFactory> {

        @Override
        public Publisher<? extends Connection> create() {
            return new PendingAcquisitionTimeout(delegate.create(), timeout, alarms::alarm);
        }

        @Override
        public ConnectionFactoryMetadata getMetadata() {
            return delegate.getMetadata();
        }

        @Override
        public ConnectionFactory unwrap() {
            return delegate;
        }
    }
}
