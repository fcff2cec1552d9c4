package io.lendx.execution;

import graphql.execution.ExecutionContext;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import io.lendx.graphql.SourceField;

import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A scalar or enum field with no fetcher of its own: graphql-java would read it off the object
 * as {@code PropertyDataFetcher} does (a map's entry, a getter or a record's accessor) and
 * serialize it. Read here, the reader is found once for the objects of one class. A
 * {@link SourceField} is read the same way, through its function; and an object-valued property
 * (an edge's node) is read without serializing, for its object to be completed in turn.
 */
final class PlainField implements ObjectPlan.Field {

    /** What {@link #value} answers when the engine must resolve the field itself. */
    static final Object UNRESOLVED = new Object();

    private static final MethodType READER = MethodType.methodType(Object.class, Object.class);
    private static final MethodType MAKES_READER = MethodType.methodType(Function.class);

    private final String property;
    /** Null for a property; else what works the value out. */
    private final SourceField<?> computed;
    /** Null for an object-valued property, read as it is. */
    private final GraphQLType type;
    private final boolean nonNull;
    /**
     * An enum's names by value, for an enum field: graphql-java finds a value's name by walking
     * the type's values, twice for a Java enum (equality, then by name), on every read.
     */
    private final Map<Object, Object> enumNames;
    /** The last class read and its reader: a place in the document sees objects of one class. */
    private Reader last;

    private record Reader(Class<?> type, Optional<Function<Object, Object>> read) {
    }

    /** Every class's readers by property, found once for the life of the service. */
    private static final ClassValue<Map<String, Optional<Function<Object, Object>>>> READERS = new ClassValue<>() {
        @Override
        protected Map<String, Optional<Function<Object, Object>>> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private PlainField(String property, SourceField<?> computed, GraphQLType type, boolean nonNull) {
        this.property = property;
        this.computed = computed;
        this.type = type;
        this.nonNull = nonNull;
        this.enumNames = type instanceof GraphQLEnumType ? new ConcurrentHashMap<>() : null;
    }

    private PlainField(String property, GraphQLType type, boolean nonNull) {
        this(property, null, type, nonNull);
    }

    /** The field as a plain read, or null if its type is not a scalar or an enum (a list, say). */
    static PlainField of(String property, GraphQLOutputType fieldType) {
        return of(property, null, fieldType);
    }

    /** The field worked out by {@code computed}, or null if its type is not a scalar or an enum. */
    static PlainField of(SourceField<?> computed, GraphQLOutputType fieldType) {
        return of(null, computed, fieldType);
    }

    private static PlainField of(String property, SourceField<?> computed, GraphQLOutputType fieldType) {
        GraphQLType type = GraphQLTypeUtil.unwrapNonNull(fieldType);
        return type instanceof GraphQLScalarType || type instanceof GraphQLEnumType
                ? new PlainField(property, computed, type, fieldType instanceof GraphQLNonNull) : null;
    }

    /** An object-valued property, read as it is. */
    static PlainField object(String property) {
        return new PlainField(property, null, false);
    }

    /**
     * The property's value as it is, or {@link #UNRESOLVED} when graphql-java has to read it for
     * the value it finds (no property by that name, an optional) or the error it raises.
     */
    Object raw(ExecutionContext context, Object source) {
        Object value;
        try {
            value = read(context, source);
        } catch (Throwable e) {
            return UNRESOLVED;
        }
        return value instanceof Optional<?> || value instanceof OptionalInt || value instanceof OptionalLong
                || value instanceof OptionalDouble ? UNRESOLVED : value;
    }

    /**
     * The field's serialized value for {@code source} (or a future of it, for a property that
     * is one, such as a connection's count), or {@link #UNRESOLVED} when graphql-java
     * has to resolve it for the error it would raise (a null in a non-null field, a value the
     * type refuses) or the value it finds (no property by that name, an optional).
     */
    @Override
    public Object complete(ExecutionContext context, Object source) {
        return value(context, source);
    }

    Object value(ExecutionContext context, Object source) {
        Object value = raw(context, source);
        if (value instanceof CompletableFuture<?> later) {
            return later.isDone() && !later.isCompletedExceptionally() ? serialized(context, later.join())
                    : later.handle((arrived, failure) -> failure != null ? UNRESOLVED : serialized(context, arrived));
        }
        return serialized(context, value);
    }

    private Object serialized(ExecutionContext context, Object value) {
        if (value == UNRESOLVED) {
            return UNRESOLVED;
        }
        if (value == null) {
            return nonNull ? UNRESOLVED : null;
        }
        try {
            Object serialized = type instanceof GraphQLScalarType scalar
                    ? scalar.getCoercing().serialize(value, context.getGraphQLContext(), context.getLocale())
                    : enumName(context, value);
            return serialized == null && nonNull ? UNRESOLVED : serialized;
        } catch (RuntimeException e) {
            return UNRESOLVED;
        }
    }

    /** Only values the type names are kept, so there are at most as many as it has. */
    private Object enumName(ExecutionContext context, Object value) {
        Object name = enumNames.get(value);
        if (name == null) {
            name = ((GraphQLEnumType) type).serialize(value, context.getGraphQLContext(), context.getLocale());
            if (name != null) {
                enumNames.put(value, name);
            }
        }
        return name;
    }

    private Object read(ExecutionContext context, Object source) {
        if (computed != null) {
            return computed.value(source, context.getGraphQLContext());
        }
        if (source instanceof Map<?, ?> map) {
            return map.get(property);
        }
        Reader reader = last;
        if (reader == null || reader.type() != source.getClass()) {
            reader = new Reader(source.getClass(), READERS.get(source.getClass())
                    .computeIfAbsent(property, absent -> find(source.getClass(), property)));
            last = reader;
        }
        return reader.read().isEmpty() ? UNRESOLVED : reader.read().get().apply(source);
    }

    /** In PropertyDataFetcher's order: a getter, then a record's accessor; fields are left to it. */
    private static Optional<Function<Object, Object>> find(Class<?> type, String property) {
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

    /**
     * A class of its own that calls the accessor: invoking a method handle that is not a constant
     * went through its lambda forms on every read (a checked cast, a customization check), several
     * per cent of a page of twenty rows. Where no such class can be made, none: graphql-java then
     * reads the property itself.
     */
    @SuppressWarnings("unchecked")
    private static Optional<Function<Object, Object>> reader(Method method) {
        try {
            // A record of a feature package is not public: its public accessors still need this.
            method.setAccessible(true);
            Class<?> owner = method.getDeclaringClass();
            MethodHandle accessor = MethodHandles.lookup().unreflect(method);
            CallSite site = LambdaMetafactory.metafactory(MethodHandles.privateLookupIn(owner, MethodHandles.lookup()),
                    "apply", MAKES_READER, READER, accessor,
                    MethodType.methodType(accessor.type().wrap().returnType(), owner));
            return Optional.of((Function<Object, Object>) site.getTarget().invokeExact());
        } catch (Throwable e) {
            return Optional.empty();
        }
    }
}
