package io.lendx.execution;

import graphql.ExecutionResult;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the request-level hooks of the application's instrumentations (state, operation start,
 * result), in their order, and no per-field hook at all. graphql-java's
 * {@code ChainedInstrumentation} asks every instrumentation about every field, allocating as it
 * goes; per-field work belongs in a {@link FetcherDecorator}, on the fields that need it.
 */
final class RequestInstrumentation extends SimplePerformantInstrumentation {

    private final List<Instrumentation> parts;

    RequestInstrumentation(List<Instrumentation> parts) {
        this.parts = List.copyOf(parts);
    }

    private record States(InstrumentationState[] of) implements InstrumentationState {
    }

    @Override
    @SuppressWarnings("deprecation") // the synchronous form is what SimplePerformantInstrumentation overrides
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        InstrumentationState[] states = new InstrumentationState[parts.size()];
        for (int i = 0; i < states.length; i++) {
            states[i] = parts.get(i).createState(parameters);
        }
        return new States(states);
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        List<InstrumentationContext<ExecutionResult>> contexts = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            InstrumentationContext<ExecutionResult> context =
                    parts.get(i).beginExecuteOperation(parameters, stateOf(state, i));
            if (context != null) {
                contexts.add(context);
            }
        }
        return new InstrumentationContext<>() {
            @Override
            public void onDispatched() {
                contexts.forEach(InstrumentationContext::onDispatched);
            }

            @Override
            public void onCompleted(ExecutionResult result, Throwable failure) {
                contexts.forEach(context -> context.onCompleted(result, failure));
            }
        };
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                                                                       InstrumentationExecutionParameters parameters,
                                                                       InstrumentationState state) {
        CompletableFuture<ExecutionResult> instrumented = CompletableFuture.completedFuture(result);
        for (int i = 0; i < parts.size(); i++) {
            Instrumentation part = parts.get(i);
            InstrumentationState own = stateOf(state, i);
            instrumented = instrumented.thenCompose(value -> part.instrumentExecutionResult(value, parameters, own));
        }
        return instrumented;
    }

    private static InstrumentationState stateOf(InstrumentationState state, int index) {
        return state instanceof States states ? states.of()[index] : null;
    }
}
