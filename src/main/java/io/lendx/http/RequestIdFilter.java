package io.lendx.http;

import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a sane token, else a
 * new one. It is echoed in the response header and recorded in audit events. It runs first of
 * all filters, so that every other one (a 503 while shutting down, a 429) can name the request.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter {

    public static final String HEADER = "X-Request-Id";
    static final String ATTRIBUTE = "lendx.requestId";
    private static final String STARTED = "lendx.requestStarted";
    private static final Logger ACCESS = LoggerFactory.getLogger("io.lendx.access");
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    @RequestFilter
    public void assign(HttpRequest<?> request) {
        String given = request.getHeaders().get(HEADER);
        request.setAttribute(ATTRIBUTE, given != null && SANE.matcher(given).matches()
                ? given : UUID.randomUUID().toString());
        request.setAttribute(STARTED, System.nanoTime());
    }

    /** Echoes the id and writes the access log line: one per request, with the same id. */
    @ResponseFilter
    public void echo(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String id = of(request);
        response.header(HEADER, id);
        long elapsedMillis = request.getAttribute(STARTED, Long.class)
                .map(started -> (System.nanoTime() - started) / 1_000_000).orElse(-1L);
        String path = request.getPath();
        if (path.startsWith("/health") || path.startsWith("/prometheus")) {
            ACCESS.debug("{} {} {} {}ms request_id={}", request.getMethodName(), path, response.code(), elapsedMillis, id);
        } else {
            ACCESS.info("{} {} {} {}ms request_id={}", request.getMethodName(), path, response.code(), elapsedMillis, id);
        }
    }

    public static String of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class).orElse("unknown");
    }
}
