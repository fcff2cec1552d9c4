package io.lendx.monitoring;

import io.micronaut.core.annotation.Nullable;

/**
 * Told of a request's database work as it happens (tracing is one). Each connection a request
 * takes gets what {@link #connectionTaken} returned when it was taken, and its statements and
 * transactions report to that, on whichever thread the driver answers on.
 */
public interface StatementObserver {

    /**
     * Called on the thread that asks for the connection, where the request's work runs (a
     * fetcher, a DataLoader batch): what this observer wants to know of that moment later.
     */
    @Nullable
    Object connectionTaken(RequestProfile request);

    void executed(@Nullable Object connection, ExecutedStatement statement);

    void transactionBegan(@Nullable Object connection);

    void transactionEnded(@Nullable Object connection, boolean committed, @Nullable Throwable failure);
}
