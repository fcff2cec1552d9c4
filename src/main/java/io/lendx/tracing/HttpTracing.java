package io.lendx.tracing;

import io.lendx.http.CacheHeaders;
import io.lendx.http.RequestIdFilter;
import io.lendx.monitoring.RequestProfile;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.BasicHttpAttributes;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;

import java.net.InetAddress;

/**
 * The server span of every request, continuing the trace of the caller's {@code traceparent}
 * (W3C Trace Context) or starting one. It runs right after the request id is assigned, so that
 * the request's profile carries the trace to its statements and its log lines.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
@Requires(beans = OpenTelemetry.class)
class HttpTracing {

    private static final String SPAN = "lendx.span";

    private static final TextMapGetter<HttpHeaders> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpHeaders headers) {
            return headers.names();
        }

        @Override
        @Nullable
        public String get(@Nullable HttpHeaders headers, String name) {
            return headers == null ? null : headers.get(name);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    HttpTracing(Tracer tracer, OpenTelemetry openTelemetry) {
        this.tracer = tracer;
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    @RequestFilter
    public void start(HttpRequest<?> request) {
        Context caller = propagator.extract(Context.root(), request.getHeaders(), HEADERS);
        String route = BasicHttpAttributes.getUriTemplate(request).orElse(null);
        String method = request.getMethodName();
        var span = tracer.spanBuilder(route == null ? method : method + " " + route)
                .setParent(caller)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(Attribute.HTTP_REQUEST_METHOD, method)
                .setAttribute(Attribute.URL_PATH, request.getPath())
                .setAttribute(Attribute.URL_SCHEME, request.isSecure() ? "https" : "http")
                .setAttribute(Attribute.REQUEST_ID, RequestIdFilter.of(request));
        InetAddress client = request.getRemoteAddress().getAddress();
        if (client != null) {
            span.setAttribute(Attribute.CLIENT_ADDRESS, client.getHostAddress());
        }
        if (route != null) {
            span.setAttribute(Attribute.HTTP_ROUTE, route);
        }
        String userAgent = request.getHeaders().get(HttpHeaders.USER_AGENT);
        if (userAgent != null) {
            span.setAttribute(Attribute.USER_AGENT, userAgent);
        }
        Span started = span.startSpan();
        request.setAttribute(SPAN, started);
        RequestProfile profile = RequestProfile.of(request);
        if (profile != null) {
            profile.trace(caller.with(started));
            profile.traced(started.getSpanContext().getTraceId(), started.getSpanContext().getSpanId());
        }
    }

    /** The request's server span; null when it has none (it came before tracing started). */
    @Nullable
    static Span spanOf(HttpRequest<?> request) {
        return request.getAttributes().getValue(SPAN) instanceof Span span ? span : null;
    }

    @ResponseFilter
    public void end(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Span span = spanOf(request);
        if (span == null) {
            return;
        }
        int status = response.code();
        span.setAttribute(Attribute.HTTP_RESPONSE_STATUS_CODE, status);
        // A cached answer runs no operation: the request's span is where HIT and MISS show.
        String cache = response.getHeaders().get(CacheHeaders.X_CACHE);
        if (cache != null) {
            span.setAttribute(Attribute.CACHE, cache);
        }
        if (status >= 500) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }
}
