package io.lendx.ops;

import io.lendx.graphql.ApiErrors;
import io.lendx.error.ErrorCode;
import io.lendx.http.RequestIdFilter;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the requests being served, so a shutdown can wait for them: once draining starts,
 * new requests get 503 with {@code Connection: close} and the ones in flight may finish. It
 * runs just inside {@link RequestIdFilter}, so that a 503 carries its request id too.
 *
 * <p>A pair of plain request and response methods, not an around filter: an
 * {@code HttpServerFilter} on every path wrapped every request's response in a reactive chain of
 * its own. The response method runs for every response Micronaut produces, also when the client
 * has hung up ({@code GracefulShutdownTest}).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class InFlightRequests {

    private static final Logger LOG = LoggerFactory.getLogger(InFlightRequests.class);
    private static final String COUNTED = "lendx.inFlight";

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Duration gracePeriod;

    public InFlightRequests(@Value("${lendx.shutdown.grace-period:20s}") Duration gracePeriod) {
        this.gracePeriod = gracePeriod;
    }

    /** A 503 once draining; otherwise the request counts until its response ({@link #leave}). */
    @RequestFilter
    @Nullable
    public HttpResponse<?> enter(HttpRequest<?> request) {
        if (draining.get()) {
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.CONNECTION, "close")
                    .contentType(MediaType.APPLICATION_JSON_TYPE)
                    .body(ApiErrors.body(ErrorCode.INTERNAL_SERVER_ERROR,
                            "The service is shutting down; retry elsewhere", RequestIdFilter.of(request), "SHUTTING_DOWN"));
        }
        request.setAttribute(COUNTED, Boolean.TRUE);
        inFlight.incrementAndGet();
        return null;
    }

    /** Only a request that {@link #enter} counted: a 503 it answered itself never was. */
    @ResponseFilter
    public void leave(HttpRequest<?> request) {
        // The attribute as it was put: removeAttribute(name, type) converts it first.
        if (request.getAttributes().getValue(COUNTED) != null) {
            request.getAttributes().remove(COUNTED);
            inFlight.decrementAndGet();
        }
    }

    public int count() {
        return inFlight.get();
    }

    public boolean isDraining() {
        return draining.get();
    }

    /** Refuses new requests and waits, at most the grace period, for those in flight. */
    public void drain() {
        draining.set(true);
        long deadline = System.nanoTime() + gracePeriod.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (inFlight.get() > 0) {
            LOG.warn("Shutting down with {} requests still in flight after {}", inFlight.get(), gracePeriod);
        }
    }
}
