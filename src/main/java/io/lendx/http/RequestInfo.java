package io.lendx.http;

import io.micronaut.core.annotation.Nullable;

/** Where a GraphQL request came from: its id (as in the logs and X-Request-Id) and client address. */
public record RequestInfo(String requestId, @Nullable String clientAddress) {
}
