package io.lendx.tracing;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.micronaut.core.value.PropertyResolver;

import java.util.Locale;

/**
 * Tracing is on when the standard variables name somewhere to send spans:
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} (or its {@code _TRACES_} form), or an
 * {@code OTEL_TRACES_EXPORTER} other than {@code none}; and {@code OTEL_SDK_DISABLED} is not
 * {@code true}. Unlike the SDK's own default, nothing is sent to localhost:4318 unasked.
 */
public final class TracingConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context) {
        return configured(context.getBeanContext() instanceof PropertyResolver properties ? properties : null);
    }

    static boolean configured(PropertyResolver properties) {
        if (properties == null || "true".equalsIgnoreCase(value(properties, "otel.sdk.disabled"))) {
            return false;
        }
        String exporter = value(properties, "otel.traces.exporter");
        if (exporter != null) {
            return !"none".equals(exporter.trim().toLowerCase(Locale.ROOT));
        }
        return value(properties, "otel.exporter.otlp.endpoint") != null
                || value(properties, "otel.exporter.otlp.traces.endpoint") != null;
    }

    private static String value(PropertyResolver properties, String name) {
        String value = properties.getProperty(name, String.class).orElse(null);
        return value == null || value.isBlank() ? null : value;
    }
}
