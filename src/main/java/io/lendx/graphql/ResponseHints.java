package io.lendx.graphql;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;

import java.time.Instant;

/**
 * What a fetcher tells a response cache about the answer it helps build, beyond what the
 * schema's {@code @cacheControl} hints say: that it depends on the caller, or on the time. A
 * request that is not being cached has none in its context, and these calls do nothing.
 */
public interface ResponseHints {

    /** The answer depends on who asks: it may only be reused for the same API key. */
    void dependsOnCaller();

    /** A value in the answer changes by itself at {@code instant} (a loan falls overdue). */
    void changesAt(Instant instant);

    /** The answer changes with the time in ways no instant can say: it must not be reused. */
    void changesWithTime();

    static void dependsOnCaller(DataFetchingEnvironment env) {
        ResponseHints hints = env.getGraphQlContext().get(ResponseHints.class);
        if (hints != null) {
            hints.dependsOnCaller();
        }
    }

    static void changesAt(DataFetchingEnvironment env, Instant instant) {
        changesAt(env.getGraphQlContext(), instant);
    }

    static void changesAt(GraphQLContext request, Instant instant) {
        ResponseHints hints = request.get(ResponseHints.class);
        if (hints != null) {
            hints.changesAt(instant);
        }
    }

    static void changesWithTime(DataFetchingEnvironment env) {
        ResponseHints hints = env.getGraphQlContext().get(ResponseHints.class);
        if (hints != null) {
            hints.changesWithTime();
        }
    }
}
