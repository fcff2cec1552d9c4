package io.lendx.tracing;

import io.lendx.monitoring.RequestProfile;
import io.micronaut.context.annotation.Requires;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.inject.Singleton;
import org.dataloader.BatchLoaderEnvironment;
import org.dataloader.DataLoader;
import org.dataloader.instrumentation.DataLoaderInstrumentation;
import org.dataloader.instrumentation.DataLoaderInstrumentationContext;

import java.util.List;

/**
 * A span per DataLoader batch (loader name, number of keys), under the operation's. It is
 * current while the batch function runs, which is when the batch's statement takes its
 * connection, so the statement's span goes under it ({@link StatementTracing}).
 */
@Singleton
@Requires(beans = OpenTelemetry.class)
class BatchTracing implements DataLoaderInstrumentation {

    private final Tracer tracer;

    BatchTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public DataLoaderInstrumentationContext<List<?>> beginBatchLoader(DataLoader<?, ?> loader, List<?> keys,
                                                                      BatchLoaderEnvironment environment) {
        RequestProfile profile = RequestProfile.current();
        Context parent = profile != null && profile.trace() instanceof Context operation ? operation : Context.current();
        String name = loader.getName() == null ? "anonymous" : loader.getName();
        Span span = tracer.spanBuilder("DataLoader " + name).setParent(parent)
                .setAttribute(Attribute.DATALOADER_NAME, name)
                .setAttribute(Attribute.DATALOADER_KEYS, keys.size())
                .startSpan();
        Scope scope = parent.with(span).makeCurrent();
        return new DataLoaderInstrumentationContext<>() {
            @Override
            public void onDispatched() {
                scope.close();
            }

            @Override
            public void onCompleted(List<?> values, Throwable failure) {
                if (failure != null) {
                    span.setStatus(StatusCode.ERROR);
                    span.setAttribute(Attribute.ERROR_TYPE, failure.getClass().getSimpleName());
                }
                span.end();
            }
        };
    }
}
