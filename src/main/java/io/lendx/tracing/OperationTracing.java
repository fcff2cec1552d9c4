package io.lendx.tracing;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.OperationDefinition;
import io.lendx.error.ErrorCode;
import io.lendx.graphql.ApiErrors;
import io.lendx.monitoring.RequestProfile;
import io.lendx.validation.Sha256;
import io.micronaut.context.annotation.Requires;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The span of a GraphQL operation, under the request's: its name, type, document hash, cost,
 * outcome and error codes. While it runs it is the parent of the request's batches and
 * statements ({@link RequestProfile#trace}).
 */
@Singleton
@Requires(beans = OpenTelemetry.class)
class OperationTracing extends SimplePerformantInstrumentation {

    private final Tracer tracer;

    OperationTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    private record Traced(Span span, RequestProfile profile) implements InstrumentationState {
    }

    @Override
    @SuppressWarnings("deprecation") // the synchronous form is the one RequestInstrumentation calls
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        RequestProfile profile = parameters.getExecutionInput().getGraphQLContext().get(RequestProfile.class);
        if (profile == null) {
            return null;
        }
        Context parent = profile.trace() instanceof Context request ? request : Context.current();
        Span span = tracer.spanBuilder("GraphQL Operation").setParent(parent)
                .setAttribute(Attribute.GRAPHQL_DOCUMENT_HASH, Sha256.hex(parameters.getExecutionInput().getQuery()))
                .startSpan();
        profile.trace(parent.with(span));
        return new Traced(span, profile);
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        if (state instanceof Traced traced) {
            OperationDefinition operation = parameters.getExecutionContext().getOperationDefinition();
            String type = operation.getOperation().name().toLowerCase(Locale.ROOT);
            traced.span().setAttribute(Attribute.GRAPHQL_OPERATION_TYPE, type);
            if (operation.getName() != null) {
                traced.span().setAttribute(Attribute.GRAPHQL_OPERATION_NAME, operation.getName());
                traced.span().updateName(type + " " + operation.getName());
            } else {
                traced.span().updateName(type);
            }
        }
        return SimpleInstrumentationContext.noOp();
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                                                                       InstrumentationExecutionParameters parameters,
                                                                       InstrumentationState state) {
        if (state instanceof Traced traced) {
            Span span = traced.span();
            List<String> codes = new ArrayList<>();
            for (GraphQLError error : result.getErrors()) {
                String code = ApiErrors.code(error);
                codes.add(code == null ? "NONE" : code);
            }
            span.setAttribute(Attribute.GRAPHQL_OUTCOME, codes.isEmpty() ? "success" : "error");
            if (!codes.isEmpty()) {
                span.setAttribute(Attribute.GRAPHQL_ERROR_CODES, codes);
            }
            if (codes.contains(ErrorCode.INTERNAL_SERVER_ERROR.name())) {
                span.setStatus(StatusCode.ERROR);
            }
            if (traced.profile().cost() >= 0) {
                span.setAttribute(Attribute.GRAPHQL_COST, traced.profile().cost());
            }
            span.setAttribute(Attribute.GRAPHQL_STATEMENTS, traced.profile().statements());
            span.end();
        }
        return CompletableFuture.completedFuture(result);
    }
}
