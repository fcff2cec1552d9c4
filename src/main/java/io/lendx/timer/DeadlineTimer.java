package io.lendx.timer;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Request deadlines, on a timing wheel: every request sets one and nearly every request cancels
 * it, which a wheel does without a lock (a queue each way). {@code Mono.delay} put each in the
 * parallel scheduler's shared priority queue, under its lock, and took it out again: 2 % of a
 * small request's CPU. A deadline fires up to one tick late.
 */
@Singleton
public class DeadlineTimer {

    private static final long TICK_MILLIS = 20;

    private final HashedWheelTimer wheel = new HashedWheelTimer(task -> {
        Thread thread = new Thread(task, "request-deadlines");
        thread.setDaemon(true);
        return thread;
    }, TICK_MILLIS, TimeUnit.MILLISECONDS);

    /**
     * Runs {@code task} after {@code delayMillis} (up to a tick late) unless disposed first: a
     * connection acquisition that has to wait, say. Reactor's parallel scheduler woke one of its
     * threads for nearly every such alarm (a new earliest task in an empty queue), a context
     * switch per lookup; the wheel's thread only ticks.
     */
    public Disposable alarm(Runnable task, long delayMillis) {
        Timeout timeout = wheel.newTimeout(expired -> task.run(), delayMillis, TimeUnit.MILLISECONDS);
        return timeout::cancel;
    }

    /** Fails with {@code failure} after {@code delay}, unless cancelled first. */
    public <T> Mono<T> after(Duration delay, Supplier<? extends Throwable> failure) {
        return Mono.create(sink -> sink.onCancel(alarm(() -> sink.error(failure.get()), delay.toMillis())));
    }

    @PreDestroy
    void stop() {
        wheel.stop();
    }
}
