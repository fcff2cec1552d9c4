package io.lendx.replica;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.r2dbc.spi.ConnectionFactory;
import jakarta.inject.Singleton;

/** Puts the {@link RoutingConnectionFactory} in place of the primary's pool when a replica is configured. */
@Singleton
@Requires(beans = Replica.class)
class ReplicaRoutingInstaller implements BeanCreatedEventListener<ConnectionFactory> {

    private final Replica replica;

    ReplicaRoutingInstaller(Replica replica) {
        this.replica = replica;
    }

    @Override
    public ConnectionFactory onCreated(BeanCreatedEvent<ConnectionFactory> event) {
        return new RoutingConnectionFactory(event.getBean(), replica.connections());
    }
}
