package io.lendx.tracing;

import io.micronaut.core.value.MapPropertyResolver;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TracingConfiguredTest {

    @Test
    void offUnlessSomewhereToSendSpansIsNamed() {
        assertFalse(configured(Map.of()));
        assertFalse(configured(Map.of("otel.service.name", "lendx-eu")));
    }

    @Test
    void anEndpointOrAnExporterTurnsItOn() {
        assertTrue(configured(Map.of("otel.exporter.otlp.endpoint", "http://collector:4318")));
        assertTrue(configured(Map.of("otel.exporter.otlp.traces.endpoint", "http://collector:4318/v1/traces")));
        assertTrue(configured(Map.of("otel.traces.exporter", "console")));
    }

    @Test
    void noneOrTheSdkSwitchTurnItOff() {
        assertFalse(configured(Map.of("otel.exporter.otlp.endpoint", "http://collector:4318",
                "otel.traces.exporter", "none")));
        assertFalse(configured(Map.of("otel.exporter.otlp.endpoint", "http://collector:4318",
                "otel.sdk.disabled", "true")));
    }

    private static boolean configured(Map<String, Object> properties) {
        return TracingConfigured.configured(new MapPropertyResolver(properties));
    }
}
