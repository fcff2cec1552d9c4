package io.lendx.cache;

import io.lendx.graphql.ResponseHints;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** What the fetchers of one execution said about its answer ({@link ResponseHints}); fetchers run on several threads. */
final class ExecutionHints implements ResponseHints {

    private volatile boolean dependsOnCaller;
    private volatile boolean changesWithTime;
    private final AtomicReference<Instant> firstChange = new AtomicReference<>();

    @Override
    public void dependsOnCaller() {
        dependsOnCaller = true;
    }

    @Override
    public void changesAt(Instant instant) {
        firstChange.accumulateAndGet(instant, (current, next) -> current == null || next.isBefore(current) ? next
                : current);
    }

    @Override
    public void changesWithTime() {
        changesWithTime = true;
    }

    boolean dependsOnTheCaller() {
        return dependsOnCaller;
    }

    boolean changesWithTheTime() {
        return changesWithTime;
    }

    /** The earliest instant a value of the answer changes by itself; null if none does. */
    Instant firstChange() {
        return firstChange.get();
    }
}
