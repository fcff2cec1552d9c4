package io.lendx.monitoring;

import io.micronaut.core.annotation.Nullable;
import org.slf4j.MDC;

/**
 * Puts a traced request's {@code trace_id} and {@code span_id} in the log context (MDC) while
 * its lines are written: the text format appends them, the JSON format has them as fields. The
 * request's work hops threads, so they are set around each line rather than for its lifetime.
 */
public final class TraceLogFields {

    static final String TRACE_ID = "trace_id";
    static final String SPAN_ID = "span_id";

    private TraceLogFields() {
    }

    public static void during(@Nullable RequestProfile profile, Runnable logging) {
        String traceId = profile == null ? null : profile.traceId();
        if (traceId == null) {
            logging.run();
            return;
        }
        MDC.put(TRACE_ID, traceId);
        MDC.put(SPAN_ID, profile.spanId());
        try {
            logging.run();
        } finally {
            MDC.remove(TRACE_ID);
            MDC.remove(SPAN_ID);
        }
    }
}
