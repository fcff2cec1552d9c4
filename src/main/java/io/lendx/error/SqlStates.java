package io.lendx.error;

import io.r2dbc.spi.R2dbcException;

import java.util.function.Predicate;

/** What PostgreSQL said went wrong, read from a failure's SQLSTATE anywhere in its causes. */
public final class SqlStates {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String QUERY_CANCELED = "57014";
    private static final String DATA_EXCEPTION_CLASS = "22";

    private SqlStates() {
    }

    /** A unique key was violated: two requests raced past a duplicate check. */
    public static boolean isUniqueViolation(Throwable failure) {
        return any(failure, UNIQUE_VIOLATION::equals);
    }

    /** A statement ran past {@code statement_timeout} and was cancelled. */
    public static boolean isQueryCanceled(Throwable failure) {
        return any(failure, QUERY_CANCELED::equals);
    }

    /** PostgreSQL refused a value itself (class 22: bad encoding, overflow, ...): the input's fault. */
    public static boolean isDataException(Throwable failure) {
        return any(failure, state -> state.startsWith(DATA_EXCEPTION_CLASS));
    }

    private static boolean any(Throwable failure, Predicate<String> state) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof R2dbcException r2dbc && r2dbc.getSqlState() != null
                    && state.test(r2dbc.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
