package io.lendx.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import org.slf4j.LoggerFactory;

/**
 * {@code logback.events} by level, the metric Micrometer's Logback binder gives, counted by an
 * appender on the root logger: it runs only for the lines that are written. The binder's turbo
 * filter ran for every logging call, the disabled ones included (logback asks turbo filters in
 * {@code isDebugEnabled} too, and Netty, Reactor and the driver ask it for every statement and
 * buffer): 1 % of a lookup's samples at 64 connections (bench/README). Every logger here is
 * additive, so every written line reaches the root.
 */
@Context
public class LogEventMetrics {

    private final Counting appender;

    public LogEventMetrics(MeterRegistry meters) {
        appender = new Counting(meters);
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            appender.setContext(logback);
            appender.setName("lendx-log-event-metrics");
            appender.start();
            logback.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        }
    }

    @PreDestroy
    void close() {
        if (appender.getContext() instanceof LoggerContext logback) {
            logback.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        }
        appender.stop();
    }

    private static final class Counting extends UnsynchronizedAppenderBase<ILoggingEvent> {

        private final Counter error;
        private final Counter warn;
        private final Counter info;
        private final Counter debug;
        private final Counter trace;

        Counting(MeterRegistry meters) {
            error = counter(meters, "error");
            warn = counter(meters, "warn");
            info = counter(meters, "info");
            debug = counter(meters, "debug");
            trace = counter(meters, "trace");
        }

        private static Counter counter(MeterRegistry meters, String level) {
            return Counter.builder("logback.events")
                    .description("Number of log events that were enabled by the effective log level")
                    .tag("level", level)
                    .baseUnit("events")
                    .register(meters);
        }

        @Override
        protected void append(ILoggingEvent event) {
            switch (event.getLevel().toInt()) {
                case Level.ERROR_INT -> error.increment();
                case Level.WARN_INT -> warn.increment();
                case Level.INFO_INT -> info.increment();
                case Level.DEBUG_INT -> debug.increment();
                default -> trace.increment();
            }
        }
    }
}
