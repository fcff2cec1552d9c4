package io.lendx.monitoring;

import io.micronaut.core.annotation.Nullable;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Outermost around the connection factory every repository and query uses: a connection taken
 * while a request's work is current ({@link RequestProfile#current()}) counts its statements
 * against that request. Anything else (jobs, LISTEN, migrations) gets the pool's connection as
 * it is, at no cost.
 */
record ProfiledConnectionFactory(ConnectionFactory delegate, @Nullable StatementObserver observer)
        implements ConnectionFactory, Wrapped<ConnectionFactory> {

    @Override
    public Publisher<? extends Connection> create() {
        RequestProfile profile = RequestProfile.current();
        if (profile == null) {
            return delegate.create();
        }
        Object observed = observer == null ? null : observer.connectionTaken(profile);
        return Mono.from(delegate.create())
                .map(connection -> new ProfiledConnection(connection, profile, observer, observed));
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
