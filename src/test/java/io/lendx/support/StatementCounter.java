package io.lendx.support;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.r2dbc.proxy.ProxyConnectionFactory;
import io.r2dbc.spi.ConnectionFactory;
import jakarta.inject.Singleton;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the SQL statements the application sends, by wrapping its R2DBC connection factory
 * in r2dbc-proxy. Only for tests that set {@code lendx.test.count-statements}.
 */
@Singleton
@Requires(property = "lendx.test.count-statements", value = "true")
public class StatementCounter implements BeanCreatedEventListener<ConnectionFactory> {

    private final AtomicInteger statements = new AtomicInteger();

    @Override
    public ConnectionFactory onCreated(BeanCreatedEvent<ConnectionFactory> event) {
        return ProxyConnectionFactory.builder(event.getBean())
                .onBeforeQuery(execution -> statements.addAndGet(execution.getQueries().size()))
                .build();
    }

    public void reset() {
        statements.set(0);
    }

    public int count() {
        return statements.get();
    }
}
