package io.lendx.subscription;

import io.micronaut.transaction.reactive.ReactorReactiveTransactionOperations;
import io.r2dbc.spi.Connection;
import io.micronaut.json.JsonMapper;
import io.r2dbc.spi.Result;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Announces changes with {@code pg_notify} on the connection of the caller's transaction:
 * PostgreSQL delivers a notification only when that transaction commits, so nothing is
 * announced that did not happen, and every instance listening on the database hears it.
 */
@Singleton
public class ChangeNotices {

    private final ReactorReactiveTransactionOperations<Connection> transactions;
    private final JsonMapper json;

    public ChangeNotices(ReactorReactiveTransactionOperations<Connection> transactions, JsonMapper json) {
        this.transactions = transactions;
        this.json = json;
    }

    /** Must run inside the transaction that made the change (a service's reactive chain). */
    public Mono<Void> announce(Change.Kind type, Map<String, String> keys) {
        Map<String, String> payload = new HashMap<>(keys);
        payload.put("type", type.name());
        String text = write(payload);
        // Joins the caller's transaction, found in the Reactor context (R2dbcOperations.withConnection
        // would take a connection of its own and announce at once, before the change committed).
        return transactions.withTransactionMono(status -> Flux.from(status.getConnection()
                        .createStatement("SELECT pg_notify('" + Change.CHANNEL + "', $1)").bind(0, text).execute())
                .flatMap(Result::getRowsUpdated)
                .then());
    }

    private String write(Map<String, String> payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
