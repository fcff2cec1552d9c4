package io.lendx.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Polls a condition until it holds or a deadline passes: waiting on an outcome, never sleeping and hoping. */
public final class Eventually {

    private Eventually() {
    }

    /** Returns how long it took. */
    public static Duration within(Duration deadline, BooleanSupplier condition, String what) {
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("Not within " + deadline.toMillis() + " ms: " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("Interrupted while waiting for: " + what);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
