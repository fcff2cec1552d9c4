package io.lendx.graphql;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.LightDataFetcher;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Moves every field value that completes on another thread (a root query, a mutation, a
 * count) back onto its request's {@link RequestExecutor}. It must wrap outermost, so that
 * whatever other instrumentations chain onto a fetcher also finishes before the hop.
 */
final class RequestExecutorInstrumentation extends SimplePerformantInstrumentation {

    /** The request's executor, found once per request rather than once per field. */
    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        return parameters.getExecutionInput().getGraphQLContext().get(RequestExecutor.class);
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
                                                InstrumentationState state) {
        if (!(state instanceof RequestExecutor executor)) {
            return fetcher;
        }
        if (fetcher instanceof LightDataFetcher<?> light) {
            // Property fetchers skip building an environment; keep that saving.
            return new LightDataFetcher<>() {
                @Override
                public Object get(GraphQLFieldDefinition field, Object source, Supplier<DataFetchingEnvironment> env)
                        throws Exception {
                    return onExecutor(executor, light.get(field, source, env));
                }

                @Override
                public Object get(DataFetchingEnvironment env) throws Exception {
                    return onExecutor(executor, light.get(env));
                }
            };
        }
        return env -> onExecutor(executor, fetcher.get(env));
    }

    private static Object onExecutor(RequestExecutor executor, Object value) {
        if (value instanceof CompletionStage<?> stage && !stage.toCompletableFuture().isDone()) {
            return executor.continueHere(stage.toCompletableFuture());
        }
        return value;
    }
}
