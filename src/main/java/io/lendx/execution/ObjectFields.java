package io.lendx.execution;

import graphql.execution.DataFetcherResult;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.FieldCollector;
import graphql.execution.FieldCollectorParameters;
import graphql.execution.MergedField;
import graphql.execution.MergedSelectionSet;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import io.lendx.graphql.LoadsThrough;
import io.lendx.graphql.SelectionTracking;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The fields of the objects at one place in a request's document, collected once per request
 * and object type instead of once per object: the 400 loans of a front page share one
 * selection, so they share one collection (fragments, {@code @skip} and {@code @include}
 * resolved by graphql-java's own collector) and one {@link ObjectPlan}. That one time is also
 * when the relation fields among them tell their loaders what they select ({@link LoadsThrough}),
 * so that those fetchers need no environment per object.
 */
final class ObjectFields {

    private static final FieldCollector COLLECTOR = new FieldCollector();

    private ObjectFields() {
    }

    /** What graphql-java does to complete one item of a list: its value, or a future of it. */
    @FunctionalInterface
    interface ItemCompletion {
        Object complete(int index, Object item);
    }

    /** The collections kept from one request of a document to the next: one per engine, given to every call. */
    static final class Kept {
        private final DocumentPlaces<Collected> places = new DocumentPlaces<>();
    }

    /** One request's collections, by the field the objects came from, and its document's kept ones (null: none kept). */
    private static final class Collections {
        private final Map<MergedField, Collected> byField = new IdentityHashMap<>();
        @Nullable
        private final Map<DocumentPlaces.Place, Collected> kept;

        Collections(@Nullable Map<DocumentPlaces.Place, Collected> kept) {
            this.kept = kept;
        }
    }

    /**
     * One place's collection and plan, with what a later request must tell its loaders when it
     * finds them kept ({@link DocumentPlaces}): the relations among the fields, and the places below
     * that the plan completes without asking for their collection.
     */
    private record Collected(GraphQLObjectType type, MergedSelectionSet fields, ObjectPlan plan, List<Loading> loads,
                             List<Nested> nested) {
    }

    /** A relation field and the loader it loads through. */
    private record Loading(String loader, MergedField field) {
    }

    /** A place below, by the field its objects come from. */
    private record Nested(MergedField field, Collected collected) {
    }

    /**
     * What {@code ExecutionStrategy.completeValueForObject} does, with the collection memoised
     * and the fields of {@link ObjectPlan} completed without the engine.
     */
    @SuppressWarnings("unchecked")
    static Object complete(ExecutionContext context, Kept kept, ExecutionStrategyParameters parameters,
                           GraphQLObjectType type, Object result) {
        Collected collected = of(context, kept.places, parameters.getField(), type);
        ObjectPlan plan = collected.plan();
        Object own = plan.any() && !context.hasIncrementalSupport() ? plan.own(context, result) : ObjectPlan.ENGINE;
        if (own == ObjectPlan.ENGINE) {
            return engine(context, parameters, type, result, collected.fields());
        }
        Object rest = plan.all() ? Map.of() : engine(context, parameters, type, result, plan.rest());
        if (own instanceof Object[] values && !(rest instanceof CompletableFuture<?>)) {
            return plan.result(context, values, (Map<String, Object>) rest);
        }
        CompletableFuture<Map<String, Object>> restLater = future(rest);
        return future(own).thenCompose(values -> values != ObjectPlan.ENGINE
                ? restLater.thenApply(resolved -> plan.result(context, (Object[]) values, resolved))
                // Something here needs the engine after all: it does these fields again, not the rest.
                : ObjectFields.<Map<String, Object>>future(engine(context, parameters, type, result, plan.own()))
                        .thenCombine(restLater, (ownResolved, resolved) -> plan.merge(context, ownResolved, resolved)));
    }

    /**
     * A list of objects whose fields are all completed without the engine ({@link ObjectPlan#all}):
     * its result, a future of it, or null when graphql-java must complete it. An item that needs
     * the engine after all is completed by {@code engine}, at its own path.
     */
    static Object completeList(ExecutionContext context, Kept kept, ExecutionStrategyParameters parameters,
                               Iterable<Object> values, ItemCompletion engine) {
        GraphQLType listType = parameters.getExecutionStepInfo().getUnwrappedNonNullType();
        if (context.hasIncrementalSupport() || !(values instanceof List<Object> items)
                || !(listType instanceof GraphQLList list)
                || !(GraphQLTypeUtil.unwrapNonNull(list.getWrappedType()) instanceof GraphQLObjectType type)) {
            return null;
        }
        for (Object item : items) {
            if (item == null || item instanceof DataFetcherResult<?>) {
                return null;
            }
        }
        ObjectPlan plan = of(context, kept.places, parameters.getField(), type).plan();
        if (!plan.all()) {
            return null;
        }
        Object[] completed = new Object[items.size()];
        Gathering pending = null;
        for (int i = 0; i < completed.length; i++) {
            Object item = items.get(i);
            Object value = plan.complete(context, item);
            if (value == ObjectPlan.ENGINE) {
                value = engine.complete(i, item);
            }
            if (value instanceof CompletableFuture<?> future) {
                if (pending == null) {
                    pending = Gathering.ofList(completed, all -> new ArrayList<>(Arrays.asList(all)),
                            index -> engine.complete(index, items.get(index)));
                }
                pending.await(i, future);
            } else {
                completed[i] = value;
            }
        }
        return pending == null ? new ArrayList<>(Arrays.asList(completed)) : pending.start();
    }

    private static Object engine(ExecutionContext context, ExecutionStrategyParameters parameters,
                                 GraphQLObjectType type, Object result, MergedSelectionSet fields) {
        ExecutionStepInfo info = parameters.getExecutionStepInfo().changeTypeWithPreservedNonNull(type);
        ExecutionStrategyParameters forObject = parameters.transform(builder -> builder
                .executionStepInfo(info)
                .fields(fields)
                .source(result));
        // As graphql-java does: back to the query strategy (from a mutation's, say) for nested objects.
        return ((ObjectFieldsStrategies.Query) context.getQueryStrategy()).executeObject(context, forObject);
    }

    @SuppressWarnings("unchecked")
    private static <T> CompletableFuture<T> future(Object value) {
        return value instanceof CompletableFuture<?> future ? (CompletableFuture<T>) future
                : CompletableFuture.completedFuture((T) value);
    }

    private static Collected of(ExecutionContext context, DocumentPlaces<Collected> places, MergedField field,
                                GraphQLObjectType type) {
        Collections collections = context.getGraphQLContext().computeIfAbsent(Collections.class,
                absent -> new Collections(places.of(context)));
        // Serial on the request's work queue; the lock only guards a request run elsewhere.
        synchronized (collections) {
            Collected collected = collections.byField.get(field);
            if (collected != null && collected.type() == type) {
                return collected;
            }
            DocumentPlaces.Place place = collections.kept == null ? null
                    : new DocumentPlaces.Place(field.getFields(), type);
            Collected made = place == null ? null : collections.kept.get(place);
            if (made != null) {
                selectAgain(context, collections, made);
            } else {
                made = collected(context, places, field, type);
                if (place != null) {
                    collections.kept.putIfAbsent(place, made);
                }
            }
            if (collected == null) {
                // An abstract field resolving to several types keeps its first type's collection.
                collections.byField.put(field, made);
            }
            return made;
        }
    }

    /** Collects the place's fields, tells the loaders of its relations what they select, and plans it. */
    private static Collected collected(ExecutionContext context, DocumentPlaces<Collected> places, MergedField field,
                                       GraphQLObjectType type) {
        MergedSelectionSet fields = collect(context, field, type);
        List<Loading> loads = loads(context, type, fields);
        select(context, loads);
        List<Nested> nested = new ArrayList<>();
        ObjectPlan plan = ObjectPlan.of(context.getGraphQLSchema().getCodeRegistry(), type, fields,
                (child, childType) -> {
                    Collected below = of(context, places, child, childType);
                    nested.add(new Nested(child, below));
                    return below.plan();
                });
        return new Collected(type, fields, plan, List.copyOf(loads), List.copyOf(nested));
    }

    /**
     * A collection kept from an earlier request: this request's loaders learn what it and the
     * places its plan completes select, as they would have when it was collected.
     */
    private static void selectAgain(ExecutionContext context, Collections collections, Collected collected) {
        select(context, collected.loads());
        for (Nested below : collected.nested()) {
            if (collections.byField.putIfAbsent(below.field(), below.collected()) == null) {
                selectAgain(context, collections, below.collected());
            }
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
        return COLLECTOR.collectFields(parameters, field, context.hasIncrementalSupport());
    }

    /** The relations among {@code fields} and the loaders they load through. */
    private static List<Loading> loads(ExecutionContext context, GraphQLObjectType type, MergedSelectionSet fields) {
        List<Loading> loads = new ArrayList<>();
        for (MergedField child : fields.getSubFieldsList()) {
            GraphQLFieldDefinition definition = type.getFieldDefinition(child.getName());
            DataFetcher<?> fetcher = definition == null ? null
                    : context.getGraphQLSchema().getCodeRegistry().getDataFetcher(type, definition);
            if (fetcher instanceof LoadsThrough relation) {
                loads.add(new Loading(relation.loader(), child));
            }
        }
        return loads;
    }

    /** Each loader reads what the relations loading through it select. */
    private static void select(ExecutionContext context, List<Loading> loads) {
        if (context.getDataLoaderRegistry() instanceof SelectionTracking tracking) {
            for (Loading load : loads) {
                tracking.selectedBy(load.loader(), load.field(), context.getFragmentsByName());
            }
        }
    }
}
