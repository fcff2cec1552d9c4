package io.lendx.monitoring;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.order.Ordered;
import io.r2dbc.spi.ConnectionFactory;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Puts {@link ProfiledConnectionFactory} around the connection factory, last of all wrappers
 * (replica routing, the statement log), so that a request's connections are counted whichever
 * database they come from.
 */
@Singleton
class StatementProfiling implements BeanCreatedEventListener<ConnectionFactory>, Ordered {

    private final Optional<StatementObserver> observer;

    StatementProfiling(Optional<StatementObserver> observer) {
        this.observer = observer;
    }

    @Override
    public ConnectionFactory onCreated(BeanCreatedEvent<ConnectionFactory> event) {
        return new ProfiledConnectionFactory(event.getBean(), observer.orElse(null));
    }

    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE;
    }
}
