package io.lendx.graphql;

import graphql.schema.DataFetchingEnvironment;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Where a request's GraphQL work goes on. A value that completes on a driver thread (a count
 * query, say) must continue there, so that the request's DataLoaders still see all its work.
 * As an executor it runs a task there (a subscription's events, with Reactor's publishOn).
 */
public interface Continuations extends Executor {

    /** {@code elsewhere}'s outcome, delivered back on the request's own work. */
    <T> CompletableFuture<T> continueHere(CompletableFuture<T> elsewhere);

    /** The continuations of the request a fetcher runs in. */
    static Continuations of(DataFetchingEnvironment env) {
        return env.getGraphQlContext().get(Continuations.class);
    }
}
