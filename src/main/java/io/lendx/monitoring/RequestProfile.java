package io.lendx.monitoring;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one HTTP request has cost so far. Created when the request arrives; a GraphQL request's
 * statements are added as they finish, on whichever thread the driver answers on, hence the
 * atomics. The request's work queue makes it current ({@link #during}) while it runs, so that
 * the connections its fetchers and batches take are counted against it.
 */
public final class RequestProfile {

    public static final String ATTRIBUTE = "lendx.profile";
    private static final ThreadLocal<RequestProfile> CURRENT = new ThreadLocal<>();

    private final long startedNanos;
    private final AtomicInteger statements = new AtomicInteger();
    private final AtomicLong databaseNanos = new AtomicLong();
    private volatile long executionNanos = -1;
    private volatile int cost = -1;
    @Nullable
    private volatile String operation;
    @Nullable
    private volatile String traceId;
    @Nullable
    private volatile String spanId;
    /** What tracing keeps for this request (the span its statements go under); null when it is off. */
    @Nullable
    private volatile Object trace;

    public RequestProfile(long startedNanos) {
        this.startedNanos = startedNanos;
    }

    /** Read as it was put: {@code getAttribute(name, type)} sends every read through the conversion service. */
    @Nullable
    public static RequestProfile of(HttpRequest<?> request) {
        return request.getAttributes().getValue(ATTRIBUTE) instanceof RequestProfile profile ? profile : null;
    }

    /** The profile of the request whose work runs on this thread now; null outside one. */
    @Nullable
    public static RequestProfile current() {
        return CURRENT.get();
    }

    /** Runs {@code work} with {@code profile} current on this thread, then restores the previous. */
    public static void during(@Nullable RequestProfile profile, Runnable work) {
        RequestProfile previous = CURRENT.get();
        CURRENT.set(profile);
        try {
            work.run();
        } finally {
            CURRENT.set(previous);
        }
    }

    void statementDone(long nanos) {
        statements.incrementAndGet();
        databaseNanos.addAndGet(nanos);
    }

    public long startedNanos() {
        return startedNanos;
    }

    public int statements() {
        return statements.get();
    }

    public long databaseNanos() {
        return databaseNanos.get();
    }

    /** How long GraphQL execution ran; -1 when the request was answered without it (a cache hit, a refusal). */
    public long executionNanos() {
        return executionNanos;
    }

    public void executed(long nanos) {
        executionNanos = nanos;
    }

    /** The operation's cost units as the query limits counted them; -1 when it was not counted. */
    public int cost() {
        return cost;
    }

    public void cost(int units) {
        cost = units;
    }

    @Nullable
    public String operation() {
        return operation;
    }

    public void operation(String name) {
        operation = name;
    }

    @Nullable
    public String traceId() {
        return traceId;
    }

    @Nullable
    public String spanId() {
        return spanId;
    }

    /** The ids log lines of this request carry ({@code trace_id}, {@code span_id}). */
    public void traced(String traceId, String spanId) {
        this.traceId = traceId;
        this.spanId = spanId;
    }

    @Nullable
    public Object trace() {
        return trace;
    }

    public void trace(@Nullable Object trace) {
        this.trace = trace;
    }
}
