package io.lendx.replica;

import io.micronaut.context.annotation.Requires;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The primary's current WAL position: at or past the commit of everything committed before it is read. */
@Singleton
@Requires(beans = Replica.class)
class PrimaryWal {

    private final ConnectionFactory connections;

    PrimaryWal(ConnectionFactory connections) {
        this.connections = connections;
    }

    Mono<Long> position() {
        return Mono.defer(() -> {
            Publisher<? extends Connection> primary = ReadRoute.during(Route.PRIMARY, connections::create);
            return Mono.usingWhen(Mono.from(primary), PrimaryWal::position, Connection::close);
        });
    }

    private static Mono<Long> position(Connection connection) {
        return Flux.from(connection.createStatement("SELECT pg_current_wal_lsn()::text").execute())
                .flatMap(result -> result.map(row -> WalPosition.parse(row.get(0, String.class))))
                .next();
    }
}
