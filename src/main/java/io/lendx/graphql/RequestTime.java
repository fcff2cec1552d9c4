package io.lendx.graphql;

import graphql.GraphQLContext;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * The time a request is answered at, read once: one answer judges all its loans overdue or not
 * at the same instant, and a front page's 400 loans do not read the clock 400 times (a clock
 * read was 3 % of the front page's CPU).
 */
public final class RequestTime {

    private RequestTime() {
    }

    /** The request's instant, taken from {@code clock} the first time it is asked for. */
    public static Instant of(GraphQLContext request, Supplier<Instant> clock) {
        Instant now = request.get(RequestTime.class);
        if (now == null) {
            now = clock.get();
            request.put(RequestTime.class, now);
        }
        return now;
    }

    /** The next value asked for is read anew: a subscription's next event is a new answer. */
    public static void forget(GraphQLContext request) {
        request.delete(RequestTime.class);
    }
}
