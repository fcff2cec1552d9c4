package io.lendx.timer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deadlines and alarms on the timing wheel: they fire after their delay, and not once cancelled. */
class DeadlineTimerTest {

    private final DeadlineTimer deadlines = new DeadlineTimer();

    @AfterEach
    void stop() {
        deadlines.stop();
    }

    @Test
    void aDeadlineFailsWithItsErrorAfterItsDelay() {
        long started = System.nanoTime();

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> deadlines
                .after(Duration.ofMillis(100), () -> new IllegalStateException("late")).block(Duration.ofSeconds(5)));

        assertEquals("late", failure.getMessage());
        assertTrue(System.nanoTime() - started >= Duration.ofMillis(100).toNanos(), "not before its delay");
    }

    @Test
    void anAlarmRunsItsTaskAfterItsDelayUnlessDisposed() throws InterruptedException {
        CountDownLatch rang = new CountDownLatch(1);
        AtomicLong rangAfterNanos = new AtomicLong();
        AtomicReference<String> disposedRang = new AtomicReference<>();
        long started = System.nanoTime();
        deadlines.alarm(() -> disposedRang.set("rang"), 50).dispose();

        deadlines.alarm(() -> {
            rangAfterNanos.set(System.nanoTime() - started);
            rang.countDown();
        }, 150);

        assertTrue(rang.await(5, TimeUnit.SECONDS), "the alarm rang");
        assertTrue(rangAfterNanos.get() >= Duration.ofMillis(150).toNanos(), "not before its delay");
        assertNull(disposedRang.get(), "a disposed alarm, due earlier, stays silent");
    }

    @Test
    void aCancelledDeadlineNeverFires() {
        AtomicReference<Throwable> fired = new AtomicReference<>();
        Disposable cancelled = deadlines.after(Duration.ofMillis(50), () -> new IllegalStateException("cancelled"))
                .subscribe(value -> { }, fired::set);
        cancelled.dispose();

        // A later deadline on the same wheel fires after the cancelled one would have.
        assertThrows(IllegalStateException.class, () -> deadlines
                .after(Duration.ofMillis(200), () -> new IllegalStateException("later")).block(Duration.ofSeconds(5)));

        assertNull(fired.get());
    }
}
