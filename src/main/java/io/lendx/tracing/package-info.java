/**
 * OpenTelemetry traces, off unless configured ({@link TracingConfigured}): a span for each HTTP
 * request (continuing the caller's W3C {@code traceparent}), its GraphQL operation, each
 * DataLoader batch, each SQL statement and each mutation's transaction. It hooks into the
 * request's edges (a server filter, a graphql-java instrumentation, a DataLoader
 * instrumentation, a {@link io.lendx.monitoring.StatementObserver}); no feature calls the tracer,
 * and when tracing is off none of these beans exists.
 */
package io.lendx.tracing;
