package io.lendx.http;

import io.lendx.error.ErrorCode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;

/** A request the transport refuses before GraphQL runs it: the status and the error it answers with. */
public record Refusal(HttpStatus status, ErrorCode code, @Nullable String reason, String message)
        implements PersistedQueries.Resolution {
}
