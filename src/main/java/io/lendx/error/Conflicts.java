package io.lendx.error;

import io.r2dbc.spi.R2dbcDataIntegrityViolationException;

import java.util.function.Function;

/**
 * Turns a unique-key violation into a CONFLICT/DUPLICATE. A service checks for duplicates
 * first to give a precise message; this catches the race where two requests pass that check
 * at once and the database's constraint decides.
 */
public final class Conflicts {

    private static final String UNIQUE_VIOLATION = "23505";

    private Conflicts() {
    }

    public static Function<Throwable, Throwable> duplicateAs(String message) {
        return failure -> isUniqueViolation(failure)
                ? new ConflictException(ConflictException.Reason.DUPLICATE, message) : failure;
    }

    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof R2dbcDataIntegrityViolationException violation
                    && UNIQUE_VIOLATION.equals(violation.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
