package io.lendx.graphql;

import graphql.schema.DataFetchingEnvironment;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Entries a mutation's decorators hand to the mutation's own reactive chain. A fetcher leaves
 * Reactor with {@code toFuture()}, so what the chain should see in its Reactor context (say, a
 * {@code ReplayNotice}) travels through the GraphQL context to {@link #future}. Mutation fields
 * run one after another, so one request holds one mutation's entries at a time.
 */
public final class MutationContext {

    private MutationContext() {
    }

    /** Set by a decorator just before it calls the mutation's fetcher. */
    public static void set(DataFetchingEnvironment env, Map<Object, Object> entries) {
        env.getGraphQlContext().put(MutationContext.class, entries);
    }

    /** The mutation run with the entries in its Reactor context, as the fetcher's value. */
    public static <T> CompletableFuture<T> future(DataFetchingEnvironment env, Mono<T> mutation) {
        Map<Object, Object> entries = env.getGraphQlContext().get(MutationContext.class);
        return (entries == null ? mutation : mutation.contextWrite(context -> context.putAllMap(entries))).toFuture();
    }
}
