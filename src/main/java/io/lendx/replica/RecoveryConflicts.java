package io.lendx.replica;

import io.r2dbc.spi.R2dbcException;

/**
 * Recognises a statement the replica cancelled because replaying the primary's changes needed
 * what it read ({@code canceling statement due to conflict with recovery}). PostgreSQL reports
 * it as a serialization failure, which a read on a hot standby cannot otherwise raise.
 */
public final class RecoveryConflicts {

    private static final String SERIALIZATION_FAILURE = "40001";

    private RecoveryConflicts() {
    }

    public static boolean caused(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof R2dbcException database && SERIALIZATION_FAILURE.equals(database.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
