package io.lendx.ops;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * {@code %clockTime} in the text log pattern: what {@code %d{HH:mm:ss.SSS}} writes (the default
 * time zone's wall clock), with the hours, minutes and seconds worked out once a second. logback's
 * date converter caches its text for one millisecond only, so with an access line per request it
 * ran a {@code DateTimeFormatter} for nearly every line: 1 % of a small request's CPU.
 */
public class ClockTimeConverter extends ClassicConverter {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** The last second written and its text, replaced together. */
    private record Second(long epochSecond, String text) {
    }

    private volatile Second last = new Second(Long.MIN_VALUE, "");

    @Override
    public String convert(ILoggingEvent event) {
        long millis = event.getTimeStamp();
        long epochSecond = Math.floorDiv(millis, 1000);
        Second second = last;
        if (second.epochSecond() != epochSecond) {
            second = new Second(epochSecond,
                    LocalTime.ofInstant(Instant.ofEpochSecond(epochSecond), ZoneId.systemDefault()).format(SECONDS));
            last = second;
        }
        int milli = (int) Math.floorMod(millis, 1000);
        return second.text() + '.' + (char) ('0' + milli / 100) + (char) ('0' + milli / 10 % 10) + (char) ('0' + milli % 10);
    }
}
