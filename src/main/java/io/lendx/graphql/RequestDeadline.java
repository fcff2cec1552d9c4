package io.lendx.graphql;

import graphql.schema.DataFetchingEnvironment;
import io.lendx.error.MutationTimedOutException;
import io.micronaut.core.annotation.Nullable;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * When a request's time runs out, kept in its GraphQL context. A query is simply abandoned at
 * that moment; a mutation must instead be cancelled inside its own reactive chain, so that its
 * transaction rolls back rather than committing after the client was told it failed.
 */
public record RequestDeadline(long atNanos, Duration timeout) {

    /**
     * What a mutation cut off at the deadline may still do before its answer: write its refusal
     * audit row. With the database unresponsive that write is abandoned after this long.
     */
    public static final Duration AFTERMATH = Duration.ofSeconds(2);

    public static RequestDeadline after(Duration timeout) {
        return new RequestDeadline(System.nanoTime() + timeout.toNanos(), timeout);
    }

    /** The request's deadline, or none when the request was not started by the HTTP invocation. */
    @Nullable
    public static RequestDeadline of(DataFetchingEnvironment env) {
        return env.getGraphQlContext().get(RequestDeadline.class);
    }

    /** The time left, zero or negative once the deadline passed. */
    public Duration remaining() {
        return Duration.ofNanos(atNanos - System.nanoTime());
    }

    /** {@code mutation}, cancelled (and failed with a coded error) if it is still running at the deadline. */
    public <T> Mono<T> bound(Mono<T> mutation) {
        Duration remaining = remaining();
        Mono<T> timedOut = Mono.error(() -> new MutationTimedOutException(timeout.toMillis()));
        return remaining.isNegative() || remaining.isZero() ? timedOut : mutation.timeout(remaining, timedOut);
    }
}
