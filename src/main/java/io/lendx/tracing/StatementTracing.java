package io.lendx.tracing;

import io.lendx.monitoring.ExecutedStatement;
import io.lendx.monitoring.RequestProfile;
import io.lendx.monitoring.StatementObserver;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A span per SQL statement of a request (its text, which holds placeholders and never values,
 * rows and duration), and one per transaction with its statements under it. A statement's span
 * goes under what was current when its connection was taken: a DataLoader batch, else the
 * operation.
 */
@Singleton
@Requires(beans = OpenTelemetry.class)
class StatementTracing implements StatementObserver {

    private static final String POSTGRESQL = "postgresql";

    private final Tracer tracer;
    /** Where System.nanoTime() stood at a known wall-clock instant: statements are timed with the former. */
    private final long epochNanosAtStart;
    private final long nanoTimeAtStart;

    StatementTracing(Tracer tracer) {
        this.tracer = tracer;
        Instant now = Clock.systemUTC().instant();
        this.nanoTimeAtStart = System.nanoTime();
        this.epochNanosAtStart = TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
    }

    /** A request's connection: where its statements go, and its transaction while one is open. */
    private static final class Traced {
        private final Context parent;
        @Nullable
        private volatile Span transaction;

        private Traced(Context parent) {
            this.parent = parent;
        }

        Context statementParent() {
            Span open = transaction;
            return open == null ? parent : parent.with(open);
        }
    }

    @Override
    public Object connectionTaken(RequestProfile request) {
        Context current = Context.current();
        if (!Span.fromContext(current).getSpanContext().isValid() && request.trace() instanceof Context operation) {
            current = operation;
        }
        return new Traced(current);
    }

    @Override
    public void executed(@Nullable Object connection, ExecutedStatement statement) {
        if (!(connection instanceof Traced traced)) {
            return;
        }
        String operation = operationOf(statement.sql());
        Span span = tracer.spanBuilder(operation).setParent(traced.statementParent())
                .setSpanKind(SpanKind.CLIENT)
                .setStartTimestamp(epochNanos(statement.startedNanos()), TimeUnit.NANOSECONDS)
                .setAttribute(Attribute.DB_SYSTEM, POSTGRESQL)
                .setAttribute(Attribute.DB_SYSTEM_NAME, POSTGRESQL)
                .setAttribute(Attribute.DB_OPERATION_NAME, operation)
                .setAttribute(Attribute.DB_QUERY_TEXT, statement.sql())
                .setAttribute(Attribute.DB_RETURNED_ROWS, statement.rows())
                .startSpan();
        if (statement.failure() != null) {
            span.setStatus(StatusCode.ERROR);
            span.setAttribute(Attribute.ERROR_TYPE, statement.failure().getClass().getSimpleName());
        }
        span.end(epochNanos(statement.endedNanos()), TimeUnit.NANOSECONDS);
    }

    @Override
    public void transactionBegan(@Nullable Object connection) {
        if (connection instanceof Traced traced) {
            traced.transaction = tracer.spanBuilder("transaction").setParent(traced.parent)
                    .setAttribute(Attribute.DB_SYSTEM_NAME, POSTGRESQL)
                    .startSpan();
        }
    }

    @Override
    public void transactionEnded(@Nullable Object connection, boolean committed, @Nullable Throwable failure) {
        if (connection instanceof Traced traced && traced.transaction != null) {
            Span span = traced.transaction;
            traced.transaction = null;
            span.setAttribute(Attribute.DB_TRANSACTION_OUTCOME, committed ? "commit" : "rollback");
            if (failure != null) {
                span.setStatus(StatusCode.ERROR);
                span.setAttribute(Attribute.ERROR_TYPE, failure.getClass().getSimpleName());
            }
            span.end();
        }
    }

    private long epochNanos(long nanoTime) {
        return epochNanosAtStart + (nanoTime - nanoTimeAtStart);
    }

    /** The statement's first word (SELECT, INSERT, WITH …), which names its span. */
    static String operationOf(String sql) {
        String trimmed = sql.stripLeading();
        int end = 0;
        while (end < trimmed.length() && Character.isLetter(trimmed.charAt(end))) {
            end++;
        }
        return end == 0 ? "SQL" : trimmed.substring(0, end).toUpperCase(Locale.ROOT);
    }
}
