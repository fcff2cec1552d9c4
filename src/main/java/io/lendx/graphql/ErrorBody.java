package io.lendx.graphql;

import io.lendx.error.ErrorCode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of a response refused before GraphQL ran (bad request, rate limit, shutdown): the
 * same {@code errors} shape and extensions a client gets from an executed request.
 */
public final class ErrorBody {

    private ErrorBody() {
    }

    public static Map<String, Object> of(ErrorCode code, String message, String requestId,
                                         Map<String, Object> extraExtensions) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code.name());
        extensions.putAll(extraExtensions);
        extensions.put("requestId", requestId);
        return Map.of("errors", List.of(Map.of("message", message, "extensions", extensions)));
    }
}
