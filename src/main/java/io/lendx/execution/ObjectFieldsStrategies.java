package io.lendx.execution;

import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.AsyncSerialExecutionStrategy;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.SubscriptionExecutionStrategy;
import graphql.schema.GraphQLObjectType;

/**
 * graphql-java's three strategies, each completing objects through {@link ObjectFields}: a
 * query's nested objects, a mutation's payload and a subscription's event alike. Nothing else
 * of the engine is changed.
 */
final class ObjectFieldsStrategies {

    private ObjectFieldsStrategies() {
    }

    static final class Query extends AsyncExecutionStrategy {
        Query(DataFetcherExceptionHandler exceptionHandler) {
            super(exceptionHandler);
        }

        @Override
        protected Object completeValueForObject(ExecutionContext context, ExecutionStrategyParameters parameters,
                                                GraphQLObjectType type, Object result) {
            return ObjectFields.complete(context, parameters, type, result);
        }

        /** Declared here so that {@link ObjectFields} may call it. */
        @Override
        protected Object executeObject(ExecutionContext context, ExecutionStrategyParameters parameters) {
            return super.executeObject(context, parameters);
        }
    }

    static final class Mutation extends AsyncSerialExecutionStrategy {
        Mutation(DataFetcherExceptionHandler exceptionHandler) {
            super(exceptionHandler);
        }

        @Override
        protected Object completeValueForObject(ExecutionContext context, ExecutionStrategyParameters parameters,
                                                GraphQLObjectType type, Object result) {
            return ObjectFields.complete(context, parameters, type, result);
        }
    }

    static final class Subscription extends SubscriptionExecutionStrategy {
        Subscription(DataFetcherExceptionHandler exceptionHandler) {
            super(exceptionHandler);
        }

        @Override
        protected Object completeValueForObject(ExecutionContext context, ExecutionStrategyParameters parameters,
                                                GraphQLObjectType type, Object result) {
            return ObjectFields.complete(context, parameters, type, result);
        }
    }
}
