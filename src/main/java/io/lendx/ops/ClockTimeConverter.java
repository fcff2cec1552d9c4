package io.lendx.ops;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.lendx.http.OncePerSecond;

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

    private final OncePerSecond seconds = new OncePerSecond(
            second -> LocalTime.ofInstant(Instant.ofEpochSecond(second), ZoneId.systemDefault()).format(SECONDS));

    @Override
    public String convert(ILoggingEvent event) {
        long millis = event.getTimeStamp();
        int milli = (int) Math.floorMod(millis, 1000);
        return seconds.at(millis) + '.' + (char) ('0' + milli / 100) + (char) ('0' + milli / 10 % 10)
                + (char) ('0' + milli % 10);
    }
}
