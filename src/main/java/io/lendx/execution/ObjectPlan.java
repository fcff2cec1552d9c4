package io.lendx.execution;

import graphql.execution.ExecutionContext;
import graphql.execution.MergedField;
import graphql.execution.MergedSelectionSet;
import graphql.introspection.Introspection;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.PropertyDataFetcher;
import graphql.schema.SingletonPropertyDataFetcher;
import io.lendx.graphql.LoadsThrough;
import io.lendx.graphql.SourceField;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * How the objects at one place in the document are completed: each of their fields either here,
 * without the engine, or by graphql-java (the rest). Here: plain fields (scalars and enums read
 * off the object, {@code __typename}, a {@link SourceField}), and object fields whose objects are
 * completed here in turn, entirely: a relation loaded through its DataLoader ({@link LoadsThrough})
 * or an object-valued property (an edge's node). The engine spends parameters, a path, step info,
 * a fetch, a completion and futures on every field; a front page has some 9,000 plain fields and
 * 2,000 relations on 1,200 objects.
 *
 * <p>Whatever graphql-java would turn into an error (a null in a non-null field, a value its
 * type refuses, a failed load) is not judged here: the object answers {@link #ENGINE}, and the
 * caller completes it through the engine, which finds what was loaded in the loaders' caches.
 */
final class ObjectPlan {

    /** What a field, an object or a list item answers when the engine must complete it. */
    static final Object ENGINE = PlainField.UNRESOLVED;

    /** A field completed here: its value, a future of it, or {@link #ENGINE}. */
    interface Field {
        Object complete(ExecutionContext context, Object source);
    }

    private final List<String> keys;
    /** By the index of the key; null for a field the engine resolves. */
    private final Field[] fields;
    private final MergedSelectionSet own;
    private final MergedSelectionSet rest;

    private ObjectPlan(List<String> keys, Field[] fields, MergedSelectionSet own, MergedSelectionSet rest) {
        this.keys = keys;
        this.fields = fields;
        this.own = own;
        this.rest = rest;
    }

    /**
     * The plan of {@code type}'s {@code selected} fields; {@code children} gives the plan of the
     * objects an object field selects at its place in the document.
     */
    static ObjectPlan of(GraphQLCodeRegistry fetchers, GraphQLObjectType type, MergedSelectionSet selected,
                         BiFunction<MergedField, GraphQLObjectType, ObjectPlan> children) {
        List<String> keys = selected.getKeys();
        Field[] fields = new Field[keys.size()];
        Map<String, MergedField> own = new LinkedHashMap<>();
        Map<String, MergedField> rest = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i++) {
            MergedField field = selected.getSubField(keys.get(i));
            fields[i] = Introspection.isIntrospectionTypes(type) ? null : field(fetchers, type, field, children);
            (fields[i] == null ? rest : own).put(keys.get(i), field);
        }
        return new ObjectPlan(keys, fields, MergedSelectionSet.newMergedSelectionSet().subFields(own).build(),
                MergedSelectionSet.newMergedSelectionSet().subFields(rest).build());
    }

    private static Field field(GraphQLCodeRegistry fetchers, GraphQLObjectType type, MergedField field,
                               BiFunction<MergedField, GraphQLObjectType, ObjectPlan> children) {
        if (field.getName().equals(Introspection.TypeNameMetaFieldDef.getName())) {
            String name = type.getName();
            return (context, source) -> name;
        }
        GraphQLFieldDefinition definition = type.getFieldDefinition(field.getName());
        if (definition == null) {
            return null;
        }
        FieldCoordinates coordinates = FieldCoordinates.coordinates(type, definition);
        DataFetcher<?> fetcher = fetchers.getDataFetcher(coordinates, definition);
        GraphQLOutputType fieldType = definition.getType();
        if (fetcher instanceof SourceField<?> computed) {
            return PlainField.of(computed, fieldType);
        }
        String property = property(fetcher, definition);
        if (!(GraphQLTypeUtil.unwrapNonNull(fieldType) instanceof GraphQLObjectType objectType)) {
            return property == null ? null : PlainField.of(property, fieldType);
        }
        if (property == null && !(fetcher instanceof LoadsThrough)) {
            return null;
        }
        ObjectPlan child = children.apply(field, objectType);
        if (!child.all()) {
            return null;
        }
        boolean nonNull = fieldType instanceof GraphQLNonNull;
        return fetcher instanceof LoadsThrough relation ? ObjectField.relation(relation, child, nonNull)
                : ObjectField.embedded(PlainField.object(property), child, nonNull);
    }

    /**
     * The property a field is read from when graphql-java only reads it off the object: its
     * default fetcher (the field's name) or a {@code PropertyDataFetcher} as such; else null.
     */
    private static String property(DataFetcher<?> fetcher, GraphQLFieldDefinition definition) {
        if (fetcher == SingletonPropertyDataFetcher.singleton()) {
            return definition.getName();
        }
        return fetcher != null && fetcher.getClass() == PropertyDataFetcher.class
                ? ((PropertyDataFetcher<?>) fetcher).getPropertyName() : null;
    }

    /** Whether any field is completed here: if none is, the engine does it all, as it would. */
    boolean any() {
        return own.size() > 0;
    }

    /** Whether every field is completed here, so the object needs nothing of the engine. */
    boolean all() {
        return rest.size() == 0;
    }

    /** The fields completed here. */
    MergedSelectionSet own() {
        return own;
    }

    /** The fields the engine resolves. */
    MergedSelectionSet rest() {
        return rest;
    }

    /**
     * The values of the fields completed here for {@code source}, in slots by key (the rest's
     * empty): an {@code Object[]}, a future of one, or {@link #ENGINE} (then or later).
     */
    Object own(ExecutionContext context, Object source) {
        return gather(context, source, values -> values);
    }

    /** The whole object, completed here ({@link #all}): its result, a future of it, or {@link #ENGINE}. */
    Object complete(ExecutionContext context, Object source) {
        return gather(context, source, values -> result(context, values, Map.of()));
    }

    /** The fields completed here, {@code finish}ed once all are in; {@link #ENGINE} (then or later) if one needs the engine. */
    private Object gather(ExecutionContext context, Object source, Function<Object[], Object> finish) {
        Object[] values = new Object[fields.length];
        Gathering pending = null;
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] == null) {
                continue;
            }
            Object value = fields[i].complete(context, source);
            if (value == ENGINE) {
                return ENGINE;
            }
            if (value instanceof CompletableFuture<?> future) {
                if (pending == null) {
                    pending = Gathering.ofObject(values, finish);
                }
                pending.await(i, future);
            } else {
                values[i] = value;
            }
        }
        return pending == null ? finish.apply(values) : pending.start();
    }

    /**
     * The object's result: the values completed here and what the engine resolved, in the
     * document's order; null when the engine's part is (a null in one of its non-null fields).
     */
    Map<String, Object> result(ExecutionContext context, Object[] values, Map<String, Object> resolved) {
        if (resolved == null) {
            return null;
        }
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] == null) {
                values[i] = resolved.get(keys.get(i));
            }
        }
        return ResponseObject.of(context.getResponseMapFactory(), keys, values);
    }

    /**
     * The object's result from the engine's two parts, its own fields' and the rest's; null when
     * either is, as a null in a non-null field of either makes the object null.
     */
    Map<String, Object> merge(ExecutionContext context, Map<String, Object> own, Map<String, Object> rest) {
        if (own == null || rest == null) {
            return null;
        }
        Object[] values = new Object[keys.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = fields[i] == null ? rest.get(keys.get(i)) : own.get(keys.get(i));
        }
        return ResponseObject.of(context.getResponseMapFactory(), keys, values);
    }

    /**
     * An object field whose object, once there, is completed here ({@link ObjectPlan#all}): a
     * relation loaded through the request's DataLoader, or an object-valued property (an edge's
     * node, a connection's page info).
     */
    private static final class ObjectField implements Field {

        private final Field value;
        private final ObjectPlan child;
        private final boolean nonNull;

        /** {@code value} answers null, the object, a future of it, or {@link #ENGINE}. */
        ObjectField(Field value, ObjectPlan child, boolean nonNull) {
            this.value = value;
            this.child = child;
            this.nonNull = nonNull;
        }

        static ObjectField relation(LoadsThrough fetcher, ObjectPlan child, boolean nonNull) {
            return new ObjectField((context, source) -> {
                try {
                    return fetcher.load(source, context.getDataLoaderRegistry());
                } catch (RuntimeException e) {
                    return ENGINE;
                }
            }, child, nonNull);
        }

        static ObjectField embedded(PlainField property, ObjectPlan child, boolean nonNull) {
            return new ObjectField(property::raw, child, nonNull);
        }

        @Override
        public Object complete(ExecutionContext context, Object source) {
            Object value = this.value.complete(context, source);
            if (!(value instanceof CompletableFuture<?> future)) {
                return object(context, value);
            }
            if (future.isDone()) {
                return future.isCompletedExceptionally() ? ENGINE : object(context, future.join());
            }
            CompletableFuture<Object> completed = new CompletableFuture<>();
            future.whenComplete((object, failure) -> {
                Object result = failure != null ? ENGINE : object(context, object);
                if (result instanceof CompletableFuture<?> later) {
                    later.whenComplete((done, failed) -> completed.complete(failed != null ? ENGINE : done));
                } else {
                    completed.complete(result);
                }
            });
            return completed;
        }

        private Object object(ExecutionContext context, Object object) {
            if (object == ENGINE || object == null) {
                return object == null && !nonNull ? null : ENGINE;
            }
            try {
                return child.complete(context, object);
            } catch (RuntimeException e) {
                return ENGINE;
            }
        }
    }
}
