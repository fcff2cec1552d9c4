package io.lendx.config;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/** The one source of "now": services take it by injection so tests can move time. */
@Factory
public class ClockFactory {

    /** PostgreSQL keeps microseconds; a finer clock would answer values that no later read returns. */
    private static final Duration TIMESTAMP_PRECISION = Duration.ofNanos(1_000);

    @Singleton
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), TIMESTAMP_PRECISION);
    }
}
