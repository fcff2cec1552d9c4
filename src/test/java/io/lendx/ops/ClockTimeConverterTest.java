package io.lendx.ops;

import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The text format's {@code %clockTime} writes what logback's {@code %d{HH:mm:ss.SSS}} wrote. */
class ClockTimeConverterTest {

    private final ClockTimeConverter converter = new ClockTimeConverter();

    @Test
    void writesTheWallClockToTheMillisecond() {
        SimpleDateFormat expected = new SimpleDateFormat("HH:mm:ss.SSS");
        SplittableRandom random = new SplittableRandom(5);
        long now = System.currentTimeMillis();
        for (int i = 0; i < 10_000; i++) {
            // Runs of lines within one second, and jumps between seconds, days and years.
            long timestamp = i % 10 == 0 ? random.nextLong(0, 4_102_444_800_000L) : now + random.nextLong(0, 3_000);
            LoggingEvent line = new LoggingEvent();
            line.setTimeStamp(timestamp);
            assertEquals(expected.format(new Date(timestamp)), converter.convert(line), () -> "at " + timestamp);
        }
    }
}
