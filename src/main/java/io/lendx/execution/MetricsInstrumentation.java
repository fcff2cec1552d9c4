package io.lendx.execution;

import io.lendx.graphql.ApiErrors;
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
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code graphql.request} timers by operation name, type and outcome, and a
 * {@code graphql.errors} counter by {@code extensions.code}.
 */
@Singleton
public class MetricsInstrumentation extends SimplePerformantInstrumentation {

    private final MeterRegistry meters;
    /** Found once per operation, type and outcome: registering looks the meter up by its name and sorted tags. */
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    private record TimerKey(String operation, String type, String outcome) {
    }

    public MetricsInstrumentation(MeterRegistry meters) {
        this.meters = meters;
    }

    private static final class RequestState implements InstrumentationState {
        private final Timer.Sample sample;
        private volatile String operation = "unknown";
        private volatile String type = "unknown";

        private RequestState(Timer.Sample sample) {
            this.sample = sample;
        }
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        return new RequestState(Timer.start(meters));
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        OperationDefinition operation = parameters.getExecutionContext().getOperationDefinition();
        if (state instanceof RequestState request) {
            request.operation = operation.getName() == null ? "anonymous" : operation.getName();
            request.type = operation.getOperation().name().toLowerCase();
        }
        return SimpleInstrumentationContext.noOp();
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                                                                       InstrumentationExecutionParameters parameters,
                                                                       InstrumentationState state) {
        if (state instanceof RequestState request) {
            request.sample.stop(timers.computeIfAbsent(
                    new TimerKey(request.operation, request.type, result.getErrors().isEmpty() ? "success" : "error"),
                    key -> Timer.builder("graphql.request")
                            .description("GraphQL requests by operation, type and outcome")
                            .tag("operation", key.operation())
                            .tag("type", key.type())
                            .tag("outcome", key.outcome())
                            .register(meters)));
        }
        for (GraphQLError error : result.getErrors()) {
            String code = ApiErrors.code(error);
            meters.counter("graphql.errors", "code", code == null ? "NONE" : code).increment();
        }
        return CompletableFuture.completedFuture(result);
    }
}
