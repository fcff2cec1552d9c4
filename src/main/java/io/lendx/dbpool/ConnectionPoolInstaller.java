package io.lendx.dbpool;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.order.Ordered;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import jakarta.inject.Singleton;

/**
 * Puts {@link ReactorConnectionPool} in the place of the r2dbc-pool that Micronaut builds for a
 * data source, with that data source's options, before any other wrapper (statement counting,
 * replica routing) goes around it. A data source configured without a pool is left as it is.
 */
@Singleton
class ConnectionPoolInstaller implements BeanCreatedEventListener<ConnectionFactory>, Ordered {

    private final ConnectionPools pools;

    ConnectionPoolInstaller(ConnectionPools pools) {
        this.pools = pools;
    }

    @Override
    public ConnectionFactory onCreated(BeanCreatedEvent<ConnectionFactory> event) {
        if (!(event.getBean() instanceof ConnectionPool original)) {
            return event.getBean();
        }
        ConnectionFactoryOptions options = event.getSource().getBean(ConnectionFactoryOptions.class,
                Qualifiers.byName(event.getBeanIdentifier().getName()));
        return pools.replacing(original, options);
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
