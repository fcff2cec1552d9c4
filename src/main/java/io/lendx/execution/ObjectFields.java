package io.lendx.execution;

import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.FieldCollector;
import graphql.execution.FieldCollectorParameters;
import graphql.execution.MergedField;
import graphql.execution.MergedSelectionSet;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import io.lendx.graphql.LoadsThrough;
import io.lendx.graphql.SelectionTracking;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The fields of the objects at one place in a request's document, collected once per request
 * and object type instead of once per object: the 400 loans of a front page share one
 * selection, so they share one collection (fragments, {@code @skip} and {@code @include}
 * resolved by graphql-java's own collector). That one time is also when the relation fields
 * among them tell their loaders what they select ({@link LoadsThrough}), so that those fetchers
 * need no environment per object.
 */
final class ObjectFields {

    private static final FieldCollector COLLECTOR = new FieldCollector();

    private ObjectFields() {
    }

    /** One request's collections, by the field the objects came from. */
    private static final class Collections {
        private final Map<MergedField, Collected> byField = new IdentityHashMap<>();
    }

    private record Collected(GraphQLObjectType type, MergedSelectionSet fields, PlainFields plain) {
    }

    /**
     * What {@code ExecutionStrategy.completeValueForObject} does, with the collection memoised
     * and the plain fields read without the engine ({@link PlainFields}).
     */
    @SuppressWarnings("unchecked")
    static Object complete(ExecutionContext context, ExecutionStrategyParameters parameters, GraphQLObjectType type,
                           Object result) {
        Collected collected = of(context, parameters.getField(), type);
        PlainFields plain = collected.plain();
        Object[] values = plain.any() && !context.hasIncrementalSupport() ? plain.read(context, result) : null;
        if (values != null && plain.all()) {
            return plain.merge(context, values, Map.of());
        }
        ExecutionStepInfo info = parameters.getExecutionStepInfo().changeTypeWithPreservedNonNull(type);
        MergedSelectionSet fields = values == null ? collected.fields() : plain.rest();
        ExecutionStrategyParameters forObject = parameters.transform(builder -> builder
                .executionStepInfo(info)
                .fields(fields)
                .source(result));
        // As graphql-java does: back to the query strategy (from a mutation's, say) for nested objects.
        Object resolved = ((ObjectFieldsStrategies.Query) context.getQueryStrategy()).executeObject(context, forObject);
        if (values == null) {
            return resolved;
        }
        if (resolved instanceof CompletableFuture<?> future) {
            return ((CompletableFuture<Map<String, Object>>) future).thenApply(map -> plain.merge(context, values, map));
        }
        return plain.merge(context, values, (Map<String, Object>) resolved);
    }

    private static Collected of(ExecutionContext context, MergedField field, GraphQLObjectType type) {
        Collections collections = context.getGraphQLContext().computeIfAbsent(Collections.class,
                absent -> new Collections());
        // Serial on the request's work queue; the lock only guards a request run elsewhere.
        synchronized (collections) {
            Collected collected = collections.byField.get(field);
            if (collected != null && collected.type() == type) {
                return collected;
            }
            MergedSelectionSet fields = collect(context, field, type);
            Collected made = new Collected(type, fields,
                    PlainFields.of(context.getGraphQLSchema().getCodeRegistry(), type, fields));
            if (collected == null) {
                // An abstract field resolving to several types keeps its first type's collection.
                collections.byField.put(field, made);
            }
            return made;
        }
    }

    private static MergedSelectionSet collect(ExecutionContext context, MergedField field, GraphQLObjectType type) {
        FieldCollectorParameters parameters = FieldCollectorParameters.newParameters()
                .schema(context.getGraphQLSchema())
                .objectType(type)
                .fragments(context.getFragmentsByName())
                .variables(context.getCoercedVariables().toMap())
                .graphQLContext(context.getGraphQLContext())
                .build();
        MergedSelectionSet fields = COLLECTOR.collectFields(parameters, field, context.hasIncrementalSupport());
        if (context.getDataLoaderRegistry() instanceof SelectionTracking tracking) {
            for (MergedField child : fields.getSubFieldsList()) {
                GraphQLFieldDefinition definition = type.getFieldDefinition(child.getName());
                DataFetcher<?> fetcher = definition == null ? null
                        : context.getGraphQLSchema().getCodeRegistry().getDataFetcher(type, definition);
                if (fetcher instanceof LoadsThrough relation) {
                    tracking.selectedBy(relation.loader(), child, context.getFragmentsByName());
                }
            }
        }
        return fields;
    }
}
