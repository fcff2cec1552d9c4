package io.lendx.graphql;

import graphql.schema.DataFetchingEnvironment;
import io.lendx.error.BadUserInputException;
import io.lendx.paging.Direction;
import io.lendx.paging.Ordering;
import io.lendx.paging.PageRequest;
import io.lendx.paging.SortField;
import io.micronaut.core.annotation.Nullable;

import java.util.Map;
import java.util.function.Function;

/** Reads the arguments every connection shares and turns them into a validated page request. */
public final class Arguments {

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

    /** {@code first}/{@code after}/{@code orderBy} for a root connection. */
    public static <T> PageRequest<T> page(DataFetchingEnvironment env, Function<String, SortField<T>> fields,
                                          String defaultField) {
        Map<String, Object> orderBy = input(env, "orderBy");
        String field = orderBy == null ? defaultField : (String) orderBy.get("field");
        String direction = orderBy == null ? Direction.ASC.name() : (String) orderBy.get("direction");
        return page(env, new Ordering<>(fields.apply(field), Direction.valueOf(direction)));
    }

    /** An input-object argument such as {@code filter}, or null when absent. */
    @Nullable
    public static Map<String, Object> input(DataFetchingEnvironment env, String name) {
        return env.getArgument(name);
    }

    /** A field of an input object, or null when the object or the field is absent. */
    @Nullable
    @SuppressWarnings("unchecked")
    public static <V> V field(@Nullable Map<String, Object> input, String name) {
        return input == null ? null : (V) input.get(name);
    }

    /** An enum value by its GraphQL name, or null when absent. */
    @Nullable
    public static <E extends Enum<E>> E enumValue(@Nullable Object name, Class<E> type) {
        return name == null ? null : Enum.valueOf(type, name.toString());
    }
}
