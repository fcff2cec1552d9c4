package io.lendx.error;

/** The {@code extensions.code} values of the API contract. */
public enum ErrorCode {
    BAD_USER_INPUT,
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT,
    RATE_LIMITED,
    QUERY_TOO_COMPLEX,
    INTERNAL_SERVER_ERROR,
    /** Automatic persisted queries: the hash is unknown here; send the query with it once. */
    PERSISTED_QUERY_NOT_FOUND
}
