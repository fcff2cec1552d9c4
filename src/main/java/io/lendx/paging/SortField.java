package io.lendx.paging;

import io.lendx.error.BadUserInputException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.function.Function;

/**
 * A column a connection can be sorted by, with how to read it from an entity and how its
 * value travels inside a cursor. Ties are always broken by the table key. The name is
 * qualified by the table ("loans.CREATED_AT"), so a cursor of one connection is refused by
 * another.
 */
public record SortField<T>(String name, String column, Class<?> type, Function<T, ?> value) {

    public static <T> SortField<T> instant(String name, String column, Function<T, Instant> value) {
        return new SortField<>(name, column, Instant.class, value);
    }

    public static <T> SortField<T> decimal(String name, String column, Function<T, BigDecimal> value) {
        return new SortField<>(name, column, BigDecimal.class, value);
    }

    public static <T> SortField<T> text(String name, String column, Function<T, String> value) {
        return new SortField<>(name, column, String.class, value);
    }

    String format(T entity) {
        Object v = value.apply(entity);
        return v instanceof BigDecimal decimal ? decimal.toPlainString() : v.toString();
    }

    Object parse(String text) {
        try {
            if (type == Instant.class) {
                return Instant.parse(text);
            }
            if (type == BigDecimal.class) {
                return new BigDecimal(text);
            }
            return text;
        } catch (RuntimeException e) {
            throw new BadUserInputException("The cursor is malformed");
        }
    }
}
