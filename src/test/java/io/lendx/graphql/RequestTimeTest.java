package io.lendx.graphql;

import graphql.GraphQLContext;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One answer reads the clock once; a subscription's next event reads it anew. */
class RequestTimeTest {

    private final AtomicInteger reads = new AtomicInteger();
    private final Supplier<Instant> clock = () -> Instant.ofEpochSecond(1_000 + reads.incrementAndGet());

    @Test
    void aRequestReadsTheClockOnce() {
        GraphQLContext request = GraphQLContext.newContext().build();
        Instant first = RequestTime.of(request, clock);
        assertEquals(first, RequestTime.of(request, clock));
        assertEquals(1, reads.get());
        assertEquals(Instant.ofEpochSecond(1_001), first);
    }

    @Test
    void aForgottenTimeIsReadAnew() {
        GraphQLContext request = GraphQLContext.newContext().build();
        RequestTime.of(request, clock);
        RequestTime.forget(request);
        assertEquals(Instant.ofEpochSecond(1_002), RequestTime.of(request, clock));
        assertEquals(2, reads.get());
    }
}
