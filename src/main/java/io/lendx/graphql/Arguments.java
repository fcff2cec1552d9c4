package io.lendx.graphql;

import graphql.schema.DataFetchingEnvironment;
import io.lendx.error.BadUserInputException;
import io.lendx.paging.Direction;
import io.lendx.paging.Ordering;
import io.lendx.paging.PageRequest;
import io.lendx.paging.Table;
import io.micronaut.core.annotation.Nullable;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads arguments: the ones every connection shares, as a validated page request, and input
 * objects, bound to the records that mirror them.
 */
public final class Arguments {

    /** How to bind each input record, worked out once per type. */
    private static final ClassValue<RecordBinding> RECORDS = new ClassValue<>() {
        @Override
        protected RecordBinding computeValue(Class<?> type) {
            return RecordBinding.of(type);
        }
    };

    private Arguments() {
    }

    /** {@code first}/{@code after} in the given fixed ordering (relation connections). */
    public static <T> PageRequest<T> page(DataFetchingEnvironment env, Ordering<T> ordering) {
        Integer first = env.getArgument("first");
        if (first == null) {
            throw new BadUserInputException("first must not be null");
        }
        return PageRequest.of(first, env.getArgument("after"), ordering);
    }

    /** {@code first}/{@code after}/{@code orderBy} for a root connection: oldest first unless ordered. */
    public static <T> PageRequest<T> page(DataFetchingEnvironment env, Table<T> table) {
        Map<String, Object> orderBy = env.getArgument("orderBy");
        String field = orderBy == null ? "CREATED_AT" : (String) orderBy.get("field");
        String direction = orderBy == null ? Direction.ASC.name() : (String) orderBy.get("direction");
        return page(env, new Ordering<>(table.sortField(field), Direction.valueOf(direction)));
    }

    /** The {@code filter} argument bound to its record; absent, a filter that lets everything through. */
    public static <R extends Record> R filter(DataFetchingEnvironment env, Class<R> type) {
        Map<String, Object> filter = env.getArgument("filter");
        return type.cast(RECORDS.get(type).bind(filter == null ? Map.of() : filter));
    }

    /**
     * An input-object argument bound to the record that mirrors it: each component takes the
     * field of its name (an enum from its GraphQL name), absent fields are null. GraphQL has
     * already coerced and checked the types, so a mismatch is a bug in the record.
     */
    @Nullable
    public static <R extends Record> R input(DataFetchingEnvironment env, String name, Class<R> type) {
        Map<String, Object> input = env.getArgument(name);
        return input == null ? null : type.cast(RECORDS.get(type).bind(input));
    }

    /** How to build one record type from an input map: its components and canonical constructor. */
    private record RecordBinding(RecordComponent[] components, Constructor<?> constructor) {

        static RecordBinding of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            try {
                Constructor<?> constructor = type.getDeclaredConstructor(
                        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
                constructor.setAccessible(true);
                return new RecordBinding(components, constructor);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type + " has no canonical constructor", e);
            }
        }

        Object bind(Map<String, Object> input) {
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                Object value = input.get(components[i].getName());
                Class<?> type = components[i].getType();
                values[i] = value != null && type.isEnum() ? enumValue(value, type.asSubclass(Enum.class)) : value;
            }
            try {
                return constructor.newInstance(values);
            } catch (InvocationTargetException e) {
                // The record's own checks (a compact constructor) refused a value.
                throw e.getCause() instanceof RuntimeException refused ? refused : new IllegalStateException(e);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** An enum value by its GraphQL name, or null when absent. */
    @Nullable
    public static <E extends Enum<E>> E enumValue(@Nullable Object name, Class<E> type) {
        return name == null ? null : Enum.valueOf(type, name.toString());
    }
}
