package io.lendx.execution;

import graphql.execution.ExecutionContext;
import graphql.introspection.Introspection;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A scalar or enum field with no fetcher of its own: graphql-java would read it off the object
 * as {@code PropertyDataFetcher} does (a map's entry, a getter or a record's accessor) and
 * serialize it. Read here, the reader is found once for the objects of one class.
 */
final class PlainField {

    /** What {@link #value} answers when the engine must resolve the field itself. */
    static final Object UNRESOLVED = new Object();

    /** {@code __typename}: the name of the object's type, as the engine answers it. */
    static final PlainField TYPE_NAME = new PlainField(Introspection.TypeNameMetaFieldDef.getName(), null, true);

    private static final MethodType READER = MethodType.methodType(Object.class, Object.class);

    private final String property;
    private final GraphQLType type;
    private final boolean nonNull;
    /** The last class read and its reader: a place in the document sees objects of one class. */
    private Reader last;

    private record Reader(Class<?> type, Optional<MethodHandle> read) {
    }

    /** Every class's readers by property, found once for the life of the service. */
    private static final ClassValue<Map<String, Optional<MethodHandle>>> READERS = new ClassValue<>() {
        @Override
        protected Map<String, Optional<MethodHandle>> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private PlainField(String property, GraphQLType type, boolean nonNull) {
        this.property = property;
        this.type = type;
        this.nonNull = nonNull;
    }

    /** The field as a plain read, or null if its type is not a scalar or an enum (a list, say). */
    static PlainField of(String property, GraphQLOutputType fieldType) {
        boolean nonNull = fieldType instanceof GraphQLNonNull;
        GraphQLType type = nonNull ? ((GraphQLNonNull) fieldType).getWrappedType() : fieldType;
        return type instanceof GraphQLScalarType || type instanceof GraphQLEnumType
                ? new PlainField(property, type, nonNull) : null;
    }

    /**
     * The field's serialized value for {@code source}, or {@link #UNRESOLVED} when graphql-java
     * has to resolve it for the error it would raise (a null in a non-null field, a value the
     * type refuses) or the value it finds (no property by that name, an optional).
     */
    Object value(ExecutionContext context, Object source) {
        Object value;
        try {
            value = read(source);
        } catch (Throwable e) {
            return UNRESOLVED;
        }
        if (value == UNRESOLVED || value instanceof Optional<?> || value instanceof OptionalInt
                || value instanceof OptionalLong || value instanceof OptionalDouble) {
            return UNRESOLVED;
        }
        if (value == null) {
            return nonNull ? UNRESOLVED : null;
        }
        try {
            Object serialized = type instanceof GraphQLScalarType scalar
                    ? scalar.getCoercing().serialize(value, context.getGraphQLContext(), context.getLocale())
                    : ((GraphQLEnumType) type).serialize(value, context.getGraphQLContext(), context.getLocale());
            return serialized == null && nonNull ? UNRESOLVED : serialized;
        } catch (RuntimeException e) {
            return UNRESOLVED;
        }
    }

    private Object read(Object source) throws Throwable {
        if (source instanceof Map<?, ?> map) {
            return map.get(property);
        }
        Reader reader = last;
        if (reader == null || reader.type() != source.getClass()) {
            reader = new Reader(source.getClass(), READERS.get(source.getClass())
                    .computeIfAbsent(property, absent -> find(source.getClass(), property)));
            last = reader;
        }
        return reader.read().isEmpty() ? UNRESOLVED : reader.read().get().invokeExact(source);
    }

    /** In PropertyDataFetcher's order: a getter, then a record's accessor; fields are left to it. */
    private static Optional<MethodHandle> find(Class<?> type, String property) {
        String capitalized = Character.toUpperCase(property.charAt(0)) + property.substring(1);
        Optional<Method> method = publicMethod(type, "get" + capitalized)
                .or(() -> publicMethod(type, "is" + capitalized)
                        .filter(is -> is.getReturnType() == boolean.class || is.getReturnType() == Boolean.class))
                .or(() -> publicMethod(type, property));
        return method.flatMap(PlainField::reader);
    }

    private static Optional<Method> publicMethod(Class<?> type, String name) {
        try {
            Method method = type.getMethod(name);
            return method.getReturnType() == void.class || Modifier.isStatic(method.getModifiers())
                    ? Optional.empty() : Optional.of(method);
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }

    private static Optional<MethodHandle> reader(Method method) {
        try {
            // A record of a feature package is not public: its public accessors still need this.
            method.setAccessible(true);
            return Optional.of(MethodHandles.lookup().unreflect(method).asType(READER));
        } catch (IllegalAccessException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
