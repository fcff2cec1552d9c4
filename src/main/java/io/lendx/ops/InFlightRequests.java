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
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the requests being served, so a shutdown can wait for them: once draining starts,
 * new requests get 503 with {@code Connection: close} and the ones in flight may finish. It
 * runs just inside {@link RequestIdFilter}, so that a 503 carries its request id too.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class InFlightRequests implements HttpServerFilter {

    private static final Logger LOG = LoggerFactory.getLogger(InFlightRequests.class);

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Duration gracePeriod;

    public InFlightRequests(@Value("${lendx.shutdown.grace-period:20s}") Duration gracePeriod) {
        this.gracePeriod = gracePeriod;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        if (draining.get()) {
            return Mono.just(HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.CONNECTION, "close")
                    .contentType(MediaType.APPLICATION_JSON_TYPE)
                    .body(ApiErrors.body(ErrorCode.INTERNAL_SERVER_ERROR, "The service is shutting down; retry elsewhere",
                            RequestIdFilter.of(request), "SHUTTING_DOWN")));
        }
        inFlight.incrementAndGet();
        return Flux.from(chain.proceed(request)).doFinally(signal -> inFlight.decrementAndGet());
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
