package io.lendx.execution;

import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.AsyncSerialExecutionStrategy;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.FieldValueInfo;
import graphql.execution.ResultPath;
import graphql.execution.SubscriptionExecutionStrategy;
import graphql.schema.GraphQLObjectType;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * graphql-java's three strategies, each completing objects through {@link ObjectFields}: a
 * query's nested objects, a mutation's payload and a subscription's event alike. Nothing else
 * of the engine is changed.
 */
final class ObjectFieldsStrategies {

    private ObjectFieldsStrategies() {
    }

    static final class Query extends AsyncExecutionStrategy {
        private final ObjectFields.Kept kept;

        Query(DataFetcherExceptionHandler exceptionHandler, ObjectFields.Kept kept) {
            super(exceptionHandler);
            this.kept = kept;
        }

        @Override
        protected Object completeValueForObject(ExecutionContext context, ExecutionStrategyParameters parameters,
                                                GraphQLObjectType type, Object result) {
            return ObjectFields.complete(context, kept, parameters, type, result);
        }

        /** A list of objects done entirely by {@link ObjectFields} skips the engine's steps per item. */
        @Override
        protected FieldValueInfo completeValueForList(ExecutionContext context, ExecutionStrategyParameters parameters,
                                                      Iterable<Object> values) {
            Object list = ObjectFields.completeList(context, kept, parameters, values,
                    (index, item) -> completeItem(context, parameters, index, item));
            if (list == null) {
                return super.completeValueForList(context, parameters, values);
            }
            if (list instanceof CompletableFuture<?> pending) {
                CompletableFuture<Object> overall = new CompletableFuture<>();
                pending.whenComplete((value, failure) -> {
                    if (failure != null) {
                        handleValueException(overall, failure, context);
                    } else {
                        overall.complete(value);
                    }
                });
                list = overall;
            }
            return new FieldValueInfo(FieldValueInfo.CompleteValueType.LIST, list, List.of());
        }

        /** One item as graphql-java completes it, at its own path (for its errors). */
        private Object completeItem(ExecutionContext context, ExecutionStrategyParameters parameters, int index,
                                    Object item) {
            try {
                ResultPath path = parameters.getPath().segment(index);
                ExecutionStepInfo info = executionStepInfoFactory.newExecutionStepInfoForListElement(
                        parameters.getExecutionStepInfo(), path);
                return completeValue(context, parameters.transform(builder -> builder
                        .executionStepInfo(info)
                        .path(path)
                        .source(item))).getFieldValueObject();
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        /** Declared here so that {@link ObjectFields} may call it. */
        @Override
        protected Object executeObject(ExecutionContext context, ExecutionStrategyParameters parameters) {
            return super.executeObject(context, parameters);
        }
    }

    static final class Mutation extends AsyncSerialExecutionStrategy {
        private final ObjectFields.Kept kept;

        Mutation(DataFetcherExceptionHandler exceptionHandler, ObjectFields.Kept kept) {
            super(exceptionHandler);
            this.kept = kept;
        }

        @Override
        protected Object completeValueForObject(ExecutionContext context, ExecutionStrategyParameters parameters,
                                                GraphQLObjectType type, Object result) {
            return ObjectFields.complete(context, kept, parameters, type, result);
        }
    }

    static final class Subscription extends SubscriptionExecutionStrategy {
        private final ObjectFields.Kept kept;

        Subscription(DataFetcherExceptionHandler exceptionHandler, ObjectFields.Kept kept) {
            super(exceptionHandler);
            this.kept = kept;
        }

        @Override
        protected Object completeValueForObject(ExecutionContext context, ExecutionStrategyParameters parameters,
                                                GraphQLObjectType type, Object result) {
            return ObjectFields.complete(context, kept, parameters, type, result);
        }
    }
}
