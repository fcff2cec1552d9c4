package io.lendx.execution;

import graphql.execution.ExecutionContext;
import graphql.execution.MergedField;
import graphql.execution.MergedSelectionSet;
import graphql.introspection.Introspection;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.PropertyDataFetcher;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of the objects at one place in the document split into those graphql-java only
 * reads off the object ({@link PlainField}, and {@code __typename}) and the rest. The engine
 * spends the same steps on every field (parameters, path, step info, fetch, completion, a slot
 * in a combined future); a front page's 400 loans and 400 applications have some 9,000 plain
 * fields and 2,000 others. The plain ones are read here, the rest go through the engine, and
 * the two are put back together in the document's order.
 */
final class PlainFields {

    private final List<String> keys;
    /** By the index of the key; null for a field the engine resolves. */
    private final PlainField[] plain;
    private final String typeName;
    private final MergedSelectionSet rest;
    private final boolean any;

    private PlainFields(List<String> keys, PlainField[] plain, String typeName, MergedSelectionSet rest, boolean any) {
        this.keys = keys;
        this.plain = plain;
        this.typeName = typeName;
        this.rest = rest;
        this.any = any;
    }

    static PlainFields of(GraphQLCodeRegistry fetchers, GraphQLObjectType type, MergedSelectionSet fields) {
        List<String> keys = fields.getKeys();
        PlainField[] plain = new PlainField[keys.size()];
        Map<String, MergedField> rest = new LinkedHashMap<>();
        boolean any = false;
        for (int i = 0; i < plain.length; i++) {
            MergedField field = fields.getSubField(keys.get(i));
            plain[i] = Introspection.isIntrospectionTypes(type) ? null : plain(fetchers, type, field);
            if (plain[i] == null) {
                rest.put(keys.get(i), field);
            }
            any |= plain[i] != null;
        }
        return new PlainFields(keys, plain, type.getName(), MergedSelectionSet.newMergedSelectionSet()
                .subFields(rest).build(), any);
    }

    private static PlainField plain(GraphQLCodeRegistry fetchers, GraphQLObjectType type, MergedField field) {
        if (field.getName().equals(Introspection.TypeNameMetaFieldDef.getName())) {
            return PlainField.TYPE_NAME;
        }
        GraphQLFieldDefinition definition = type.getFieldDefinition(field.getName());
        if (definition == null) {
            return null;
        }
        FieldCoordinates coordinates = FieldCoordinates.coordinates(type, definition);
        if (fetchers.hasDataFetcher(coordinates)
                || !(fetchers.getDataFetcher(coordinates, definition) instanceof PropertyDataFetcher<?> property)
                || property.getClass() != PropertyDataFetcher.class || property.getPropertyName() == null) {
            return null;
        }
        return PlainField.of(property.getPropertyName(), definition.getType());
    }

    /** Whether any field here is plain: if none is, the engine does it all, as it would. */
    boolean any() {
        return any;
    }

    /** The fields the engine resolves. */
    MergedSelectionSet rest() {
        return rest;
    }

    /** Whether every field here is plain, so the object needs nothing of the engine. */
    boolean all() {
        return rest.size() == 0;
    }

    /**
     * The plain fields' values for {@code source} in their slots of an array by key, or null
     * when one of them needs the engine (see {@link PlainField#value}), which then completes
     * the whole object.
     */
    Object[] read(ExecutionContext context, Object source) {
        Object[] values = new Object[plain.length];
        for (int i = 0; i < plain.length; i++) {
            if (plain[i] == PlainField.TYPE_NAME) {
                values[i] = typeName;
            } else if (plain[i] != null) {
                Object value = plain[i].value(context, source);
                if (value == PlainField.UNRESOLVED) {
                    return null;
                }
                values[i] = value;
            }
        }
        return values;
    }

    /** The object's result: the plain values read and what the engine resolved, in the document's order. */
    Map<String, Object> merge(ExecutionContext context, Object[] values, Map<String, Object> resolved) {
        for (int i = 0; i < plain.length; i++) {
            if (plain[i] == null) {
                values[i] = resolved.get(keys.get(i));
            }
        }
        return context.getResponseMapFactory().createInsertionOrdered(keys, Arrays.asList(values));
    }
}
