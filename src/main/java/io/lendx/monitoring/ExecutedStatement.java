package io.lendx.monitoring;

import io.micronaut.core.annotation.Nullable;

/**
 * One statement as it ran: its SQL (placeholders, never values), when it started and ended
 * ({@link System#nanoTime()}), the rows it returned or changed, and its failure if any.
 */
public record ExecutedStatement(String sql, long startedNanos, long endedNanos, long rows,
                                @Nullable Throwable failure) {

    public long nanos() {
        return endedNanos - startedNanos;
    }
}
