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

    private record Collected(GraphQLObjectType type, MergedSelectionSet fields) {
    }

    /** What {@code ExecutionStrategy.completeValueForObject} does, with the collection memoised. */
    static Object complete(ExecutionContext context, ExecutionStrategyParameters parameters, GraphQLObjectType type,
                           Object result) {
        MergedSelectionSet fields = of(context, parameters.getField(), type);
        ExecutionStepInfo info = parameters.getExecutionStepInfo().changeTypeWithPreservedNonNull(type);
        ExecutionStrategyParameters forObject = parameters.transform(builder -> builder
                .executionStepInfo(info)
                .fields(fields)
                .source(result));
        // As graphql-java does: back to the query strategy (from a mutation's, say) for nested objects.
        return ((ObjectFieldsStrategies.Query) context.getQueryStrategy()).executeObject(context, forObject);
    }

    private static MergedSelectionSet of(ExecutionContext context, MergedField field, GraphQLObjectType type) {
        Collections collections = context.getGraphQLContext().computeIfAbsent(Collections.class,
                absent -> new Collections());
        // Serial on the request's work queue; the lock only guards a request run elsewhere.
        synchronized (collections) {
            Collected collected = collections.byField.get(field);
            if (collected != null && collected.type() == type) {
                return collected.fields();
            }
            MergedSelectionSet fields = collect(context, field, type);
            if (collected == null) {
                // An abstract field resolving to several types keeps its first type's collection.
                collections.byField.put(field, new Collected(type, fields));
            }
            return fields;
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
