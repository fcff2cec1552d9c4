package io.lendx.error;

/**
 * {@code extensions.reason} of an INTERNAL_SERVER_ERROR that is no bug: the client may retry
 * (with the same idempotency key, for a mutation).
 */
public enum OutageReason {
    /** A request or statement ran out of time. */
    TIMEOUT,
    /** The database could not be reached. */
    DATABASE_UNAVAILABLE
}
