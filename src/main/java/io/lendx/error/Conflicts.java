package io.lendx.error;


import java.util.function.Function;

/**
 * Turns a unique-key violation into a CONFLICT/DUPLICATE. A service checks for duplicates
 * first to give a precise message; this catches the race where two requests pass that check
 * at once and the database's constraint decides.
 */
public final class Conflicts {

    private Conflicts() {
    }

    public static Function<Throwable, Throwable> duplicateAs(String message) {
        return failure -> SqlStates.isUniqueViolation(failure)
                ? new ConflictException(ConflictException.Reason.DUPLICATE, message) : failure;
    }
}
