package io.lendx.graphql;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.LightDataFetcher;

import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * A scalar field worked out from its object and the request's context alone, with no argument
 * (a loan's {@code isOverdue}): the engine's object completion reads it like a property, with
 * no environment built for each of a page's objects.
 */
public final class SourceField<S> implements LightDataFetcher<Object> {

    private final BiFunction<S, GraphQLContext, Object> value;

    private SourceField(BiFunction<S, GraphQLContext, Object> value) {
        this.value = value;
    }

    public static <S> SourceField<S> of(BiFunction<S, GraphQLContext, Object> value) {
        return new SourceField<>(value);
    }

    @SuppressWarnings("unchecked")
    public Object value(Object source, GraphQLContext request) {
        return value.apply((S) source, request);
    }

    @Override
    public Object get(GraphQLFieldDefinition field, Object source, Supplier<DataFetchingEnvironment> environment) {
        return value(source, environment.get().getGraphQlContext());
    }

    @Override
    public Object get(DataFetchingEnvironment environment) {
        return value(environment.getSource(), environment.getGraphQlContext());
    }
}
