package io.lendx.execution;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The values of an object's fields or a list's items, some of them still on their way: one
 * future for them all, instead of a future per value and a combined one over them.
 *
 * <p>A value may answer {@link ObjectPlan#ENGINE}: for an object that makes the whole object the
 * engine's (the result is {@code ENGINE}); for a list, {@code instead} completes that item through
 * the engine, whose failure (a null in a non-null item) fails the list as the engine's would.
 */
final class Gathering {

    private final Object[] values;
    private final Function<Object[], Object> finish;
    private final IntFunction<Object> instead;
    private final CompletableFuture<Object> result = new CompletableFuture<>();
    /** The values still awaited, plus one until {@link #start}, so that none finishes early. */
    private final AtomicInteger awaited = new AtomicInteger(1);

    private Gathering(Object[] values, Function<Object[], Object> finish, IntFunction<Object> instead) {
        this.values = values;
        this.finish = finish;
        this.instead = instead;
    }

    /** For an object's fields: any value the engine must complete makes the object the engine's. */
    static Gathering ofObject(Object[] values, Function<Object[], Object> finish) {
        return new Gathering(values, finish, null);
    }

    /** For a list's items: an item the engine must complete is completed by {@code instead}. */
    static Gathering ofList(Object[] values, Function<Object[], Object> finish, IntFunction<Object> instead) {
        return new Gathering(values, finish, instead);
    }

    /** {@code value} will fill {@code slot}. */
    void await(int slot, CompletableFuture<?> value) {
        awaited.incrementAndGet();
        value.whenComplete((arrived, failure) -> arrive(slot, arrived, failure, instead != null));
    }

    /** Every value is awaited: the future of the finished result. */
    CompletableFuture<Object> start() {
        countDown();
        return result;
    }

    private void arrive(int slot, Object value, Throwable failure, boolean replaceable) {
        if (result.isDone()) {
            return;
        }
        if (instead == null && (failure != null || value == ObjectPlan.ENGINE)) {
            result.complete(ObjectPlan.ENGINE);
            return;
        }
        if (failure != null) {
            result.completeExceptionally(failure);
            return;
        }
        if (value == ObjectPlan.ENGINE && replaceable) {
            Object replaced;
            try {
                replaced = instead.apply(slot);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            if (replaced instanceof CompletableFuture<?> later) {
                later.whenComplete((arrived, failed) -> arrive(slot, arrived, failed, false));
                return;
            }
            value = replaced;
        }
        values[slot] = value;
        countDown();
    }

    private void countDown() {
        if (awaited.decrementAndGet() == 0 && !result.isDone()) {
            try {
                result.complete(finish.apply(values));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }
    }
}
