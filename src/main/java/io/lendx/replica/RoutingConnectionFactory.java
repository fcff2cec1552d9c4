package io.lendx.replica;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;

/**
 * The connection factory every repository and query helper uses once a replica is configured:
 * a connection from the replica's pool for a statement subscribed under {@link Route#REPLICA},
 * from the primary's otherwise. Transactions, LISTEN and the jobs therefore stay on the primary.
 */
record RoutingConnectionFactory(ConnectionFactory primary, ConnectionFactory replica)
        implements ConnectionFactory, Wrapped<ConnectionFactory> {

    @Override
    public Publisher<? extends Connection> create() {
        return ReadRoute.current() == Route.REPLICA ? replica.create() : primary.create();
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return primary.getMetadata();
    }

    /** The primary's: the pool numbers in health details, and the LISTEN connection, are the primary's. */
    @Override
    public ConnectionFactory unwrap() {
        return primary;
    }
}
