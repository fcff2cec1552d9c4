package io.lendx.tracing;

import io.lendx.config.InvalidSettingException;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * The OpenTelemetry SDK, configured by its own autoconfigure module from the standard
 * {@code OTEL_*} variables (endpoint, protocol, service name, sampler, resource attributes),
 * rather than Micronaut's tracing module, whose HTTP filters would run on every request. Traces
 * only: metrics stay with Prometheus, logs with the console.
 */
@Factory
class OpenTelemetryFactory {

    static final String SERVICE_NAME = "lendx-api";
    private static final AttributeKey<String> SERVICE_NAME_KEY = AttributeKey.stringKey("service.name");

    /** Made at start-up, so that bad settings stop it (exit code 2) instead of the first request. */
    @Context
    @Requires(condition = TracingConfigured.class)
    @Bean(preDestroy = "close")
    OpenTelemetrySdk openTelemetry() {
        try {
            return AutoConfiguredOpenTelemetrySdk.builder()
                    // Defaults, below the variables: OTLP over HTTP (the exporter here sends with the
                    // JDK's HTTP client, which speaks no gRPC), and no metrics or logs exporter.
                    .addPropertiesSupplier(() -> Map.of(
                            "otel.exporter.otlp.protocol", "http/protobuf",
                            "otel.metrics.exporter", "none",
                            "otel.logs.exporter", "none"))
                    .addResourceCustomizer((resource, config) -> config.getString("otel.service.name") == null
                            && !config.getMap("otel.resource.attributes").containsKey("service.name")
                            ? resource.merge(Resource.create(
                                    Attributes.of(SERVICE_NAME_KEY, SERVICE_NAME)))
                            : resource)
                    .disableShutdownHook()
                    .build()
                    .getOpenTelemetrySdk();
        } catch (ConfigurationException | IllegalStateException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new InvalidSettingException("OpenTelemetry settings (OTEL_*) are invalid: " + cause.getMessage());
        }
    }

    @Singleton
    @Requires(beans = OpenTelemetry.class)
    Tracer tracer(OpenTelemetry openTelemetry) {
        return openTelemetry.getTracer("io.lendx");
    }
}
