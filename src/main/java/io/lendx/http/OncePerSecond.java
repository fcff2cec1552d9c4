package io.lendx.http;

import java.util.function.LongFunction;

/**
 * A text that changes only with the second (the {@code Date} header, a log line's time), worked
 * out once a second instead of once a use. Threads racing on a new second work out the same text.
 */
public final class OncePerSecond {

    /** The last second and its text, replaced together. */
    private record Second(long epochSecond, String text) {
    }

    private final LongFunction<String> textOfSecond;
    private volatile Second last = new Second(Long.MIN_VALUE, "");

    /** {@code textOfSecond}: the text of a second since the epoch. */
    public OncePerSecond(LongFunction<String> textOfSecond) {
        this.textOfSecond = textOfSecond;
    }

    /** The text of the second that holds {@code epochMillis}. */
    public String at(long epochMillis) {
        long epochSecond = Math.floorDiv(epochMillis, 1000);
        Second second = last;
        if (second.epochSecond() != epochSecond) {
            second = new Second(epochSecond, textOfSecond.apply(epochSecond));
            last = second;
        }
        return second.text();
    }
}
