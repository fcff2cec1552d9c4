package io.lendx.http;

import io.lendx.execution.ExecutionIds;
import io.lendx.monitoring.RequestProfile;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.regex.Pattern;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a sane token, else a
 * new one. It is echoed in the response header and recorded in audit events. It runs first of
 * all filters, so that every other one (a 503 while shutting down, a 429) can name the request,
 * and gives the request the {@link RequestProfile} that counts what it costs.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter {

    public static final String HEADER = "X-Request-Id";
    static final String ATTRIBUTE = "lendx.requestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private final RequestLog log;

    RequestIdFilter(RequestLog log) {
        this.log = log;
    }

    @RequestFilter
    public void assign(HttpRequest<?> request) {
        String given = request.getHeaders().get(HEADER);
        request.setAttribute(ATTRIBUTE, given != null && SANE.matcher(given).matches()
                ? given : newId());
        request.setAttribute(RequestProfile.ATTRIBUTE, new RequestProfile(System.nanoTime()));
    }

    /** Echoes the id and writes the access log line ({@link RequestLog}): one per request, with the same id. */
    @ResponseFilter
    public void echo(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String id = of(request);
        response.header(HEADER, id);
        log.finished(request, response, id, RequestProfile.of(request));
    }

    /**
     * A random (version 4) UUID from the thread's own generator: an id has to be unique, not
     * unguessable, and {@code UUID.randomUUID()} drew from the shared SecureRandom under its lock.
     */
    public static String newId() {
        return ExecutionIds.randomUuid();
    }

    /** Read as it was put, not through the conversion service (as {@code getAttribute(name, type)} does). */
    public static String of(HttpRequest<?> request) {
        return request.getAttributes().getValue(ATTRIBUTE) instanceof String id ? id : "unknown";
    }
}
