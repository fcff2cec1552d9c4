package io.lendx.graphql;

import graphql.schema.DataFetchingEnvironment;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What a mutation's decorators hand to the mutation's own reactive chain. A fetcher leaves
 * Reactor with {@code toFuture()}, so the decorator's part travels through the GraphQL context
 * to {@link #future}: entries for the chain's Reactor context (say, a {@code ReplayNotice}) and
 * a {@link Wrapper} around the chain (say, a transaction that also writes the audit row). Mutation
 * fields run one after another, so one request holds one mutation's part at a time.
 */
public final class MutationContext {

    /** Wraps a mutation's reactive chain; generic, so not a lambda. */
    public interface Wrapper {
        <T> Mono<T> wrap(Mono<T> mutation);
    }

    private record Part(Map<Object, Object> entries, Wrapper wrapper) {
    }

    private MutationContext() {
    }

    /** Set by a decorator just before it calls the mutation's fetcher. */
    public static void set(DataFetchingEnvironment env, Map<Object, Object> entries, Wrapper wrapper) {
        env.getGraphQlContext().put(MutationContext.class, new Part(entries, wrapper));
    }

    /**
     * The mutation, wrapped, with the entries in its Reactor context and cancelled at the
     * request's deadline (outside the wrapper, so that the cancel rolls its transaction back), as
     * the fetcher's value.
     */
    public static <T> CompletableFuture<T> future(DataFetchingEnvironment env, Mono<T> mutation) {
        Part part = env.getGraphQlContext().get(MutationContext.class);
        Mono<T> wrapped = part == null ? mutation
                : part.wrapper().wrap(mutation).contextWrite(context -> context.putAllMap(part.entries()));
        RequestDeadline deadline = RequestDeadline.of(env);
        return (deadline == null ? wrapped : deadline.bound(wrapped)).toFuture();
    }
}
