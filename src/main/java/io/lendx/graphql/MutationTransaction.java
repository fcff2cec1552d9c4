package io.lendx.graphql;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.r2dbc.operations.R2dbcOperations;
import io.micronaut.transaction.reactive.ReactiveTransactionStatus;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Result;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.function.Function;

/**
 * The transaction a mutation runs in: it commits when the mutation's value is ready and rolls
 * back on a failure or when the mutation is cut off at its deadline.
 *
 * <p>Two things make the deadline hold. Micronaut Data <em>commits</em> a transaction whose
 * subscriber cancels, so a cancelled mutation would commit whatever it had done so far (an
 * idempotency key claimed, a balance moved, no loan): it is marked rollback-only first. And
 * cancelling leaves the statement under way running in PostgreSQL (say, waiting on a row lock),
 * holding the connection and the rollback queued behind it: the transaction's
 * {@code statement_timeout} is set to the time left, so PostgreSQL ends it too.
 */
@Singleton
public class MutationTransaction {

    /** Lets the client-side deadline answer first, with its own message; PostgreSQL ends the statement just after. */
    private static final long STATEMENT_GRACE_MILLIS = 250;

    private final R2dbcOperations transactions;

    public MutationTransaction(R2dbcOperations transactions) {
        this.transactions = transactions;
    }

    /** {@code work} in a new transaction, whose statements end at {@code deadline} if there is one. */
    public <T> Mono<T> run(@Nullable RequestDeadline deadline,
                           Function<ReactiveTransactionStatus<Connection>, Mono<T>> work) {
        // singleOrEmpty, not Mono.from: the value must wait for the commit, and Mono.from would
        // cancel the transaction at its first value.
        return Flux.from(transactions.withTransaction(status -> limited(status.getConnection(), deadline)
                .then(Mono.defer(() -> work.apply(status)))
                .doOnCancel(status::setRollbackOnly))).singleOrEmpty();
    }

    private static Mono<Void> limited(Connection connection, @Nullable RequestDeadline deadline) {
        if (deadline == null) {
            return Mono.empty();
        }
        long millis = Math.max(1, deadline.remaining().toMillis() + STATEMENT_GRACE_MILLIS);
        return Flux.from(connection.createStatement("SELECT set_config('statement_timeout', $1, true)")
                        .bind(0, millis + "ms").execute())
                .flatMap(Result::getRowsUpdated)
                .then();
    }
}
