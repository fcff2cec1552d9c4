package io.lendx.support;

import io.lendx.config.ClockFactory;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The application's clock in tests: it starts at the real time and moves only when a test
 * advances it, so expiry, overdue and default rules can be tested without waiting.
 */
public class MutableClock extends Clock {

    private volatile Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Factory
    public static class MutableClockFactory {

        @Singleton
        @Replaces(bean = Clock.class, factory = ClockFactory.class)
        MutableClock clock() {
            return new MutableClock();
        }
    }
}
