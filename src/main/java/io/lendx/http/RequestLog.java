package io.lendx.http;

import io.lendx.monitoring.RequestProfile;
import io.lendx.monitoring.ServerTiming;
import io.lendx.monitoring.TraceLogFields;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * What a finished request leaves behind: its access log line, a WARN line when it was slower
 * than {@code LENDX_SLOW_OPERATION_THRESHOLD} (default 1s), and the {@code Server-Timing} header
 * ({@code LENDX_SERVER_TIMING}, off in prod). Both lines carry the request's {@code trace_id} and
 * {@code span_id} when it is traced.
 */
@Singleton
class RequestLog {

    private static final Logger ACCESS = LoggerFactory.getLogger("io.lendx.access");
    private static final Logger SLOW = LoggerFactory.getLogger("io.lendx.slow");

    private final long slowNanos;
    private final boolean serverTiming;

    RequestLog(@Value("${lendx.slow-operation-threshold:1s}") Duration slowThreshold,
               @Value("${lendx.server-timing:true}") boolean serverTiming) {
        this.slowNanos = slowThreshold.toNanos();
        this.serverTiming = serverTiming;
    }

    void finished(HttpRequest<?> request, MutableHttpResponse<?> response, String requestId,
                  @Nullable RequestProfile profile) {
        long ended = System.nanoTime();
        long elapsedNanos = profile == null ? -1 : ended - profile.startedNanos();
        if (serverTiming && profile != null) {
            response.header(ServerTiming.HEADER, ServerTiming.of(profile, ended));
        }
        TraceLogFields.during(profile, () -> {
            String path = request.getPath();
            long elapsedMillis = elapsedNanos / 1_000_000;
            if (path.startsWith("/health") || path.startsWith("/prometheus")) {
                ACCESS.debug("{} {} {} {}ms request_id={}", request.getMethodName(), path, response.code(),
                        elapsedMillis, requestId);
            } else {
                ACCESS.info("{} {} {} {}ms request_id={}", request.getMethodName(), path, response.code(),
                        elapsedMillis, requestId);
            }
            if (profile != null && elapsedNanos >= slowNanos) {
                slow(request, profile, elapsedNanos, requestId);
            }
        });
    }

    private static void slow(HttpRequest<?> request, RequestProfile profile, long elapsedNanos, String requestId) {
        String operation = profile.operation();
        SLOW.warn("Slow operation {} ({} {}): {} ms, {} statements in {} ms, cost {}, request_id={} trace_id={}",
                operation == null ? "-" : operation, request.getMethodName(), request.getPath(),
                elapsedNanos / 1_000_000, profile.statements(), profile.databaseNanos() / 1_000_000,
                profile.cost() < 0 ? "-" : profile.cost(), requestId,
                profile.traceId() == null ? "-" : profile.traceId());
    }
}
