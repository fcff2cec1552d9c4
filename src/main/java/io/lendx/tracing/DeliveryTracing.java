package io.lendx.tracing;

import io.lendx.monitoring.DeliveryObserver;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

/**
 * A span per graphql-ws message an operation sends (an event, mostly), in the trace of the
 * request that opened the socket: a subscriber's events line up under its connection.
 */
@Singleton
@Requires(beans = OpenTelemetry.class)
class DeliveryTracing implements DeliveryObserver {

    private final Tracer tracer;

    DeliveryTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public <T> Mono<T> delivering(HttpRequest<?> socket, String operationId, @Nullable String operationName,
                                  Mono<T> send) {
        return Mono.defer(() -> {
            Span opened = HttpTracing.spanOf(socket);
            Context parent = opened == null ? Context.root() : Context.root().with(opened);
            var builder = tracer.spanBuilder("graphql-ws delivery").setParent(parent)
                    .setSpanKind(SpanKind.PRODUCER)
                    .setAttribute(Attribute.GRAPHQL_WS_OPERATION_ID, operationId);
            if (operationName != null) {
                builder.setAttribute(Attribute.GRAPHQL_OPERATION_NAME, operationName);
            }
            Span span = builder.startSpan();
            return send.doOnError(failure -> {
                span.setStatus(StatusCode.ERROR);
                span.setAttribute(Attribute.ERROR_TYPE, failure.getClass().getSimpleName());
            }).doFinally(signal -> span.end());
        });
    }
}
