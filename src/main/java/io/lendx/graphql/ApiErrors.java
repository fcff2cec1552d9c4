package io.lendx.graphql;

import io.lendx.error.OutageReason;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import io.lendx.error.ApiException;
import io.lendx.error.ErrorCode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place an error gets its shape: the {@code extensions} a client reads ({@code code},
 * {@code reason}, {@code errorId}, {@code requestId}) and the HTTP status that goes with a code,
 * whether the error comes from a fetcher, from graphql-java, from a limit or from the transport.
 */
public final class ApiErrors {

    private static final String CODE = "code";
    private static final String REASON = "reason";
    private static final String ERROR_ID = "errorId";
    private static final String REQUEST_ID = "requestId";

    private ApiErrors() {
    }

    /** An error with {@code code} and, if given, a {@code reason} and an {@code errorId}, on {@code builder}. */
    public static GraphQLError error(GraphqlErrorBuilder<?> builder, ErrorCode code, String message,
                                     @Nullable String reason, @Nullable String errorId) {
        return builder.message(message).extensions(extensions(code, reason, errorId)).build();
    }

    /** The client's view of an API failure: its message, its code and its reason. */
    public static GraphQLError error(GraphqlErrorBuilder<?> builder, ApiException failure) {
        return error(builder, failure.code(), failure.getMessage(), failure.reason(), null);
    }

    /** An error's extensions (graphql-java's own errors carry some) with {@code code} added. */
    public static Map<String, Object> withCode(@Nullable Map<String, Object> extensions, ErrorCode code) {
        Map<String, Object> coded = new LinkedHashMap<>();
        coded.put(CODE, code.name());
        if (extensions != null) {
            coded.putAll(extensions);
        }
        return coded;
    }

    @Nullable
    public static String code(GraphQLError error) {
        return extension(error, CODE);
    }

    @Nullable
    public static String reason(GraphQLError error) {
        return extension(error, REASON);
    }

    /** The body of a response refused before GraphQL ran: the same shape as any other error. */
    public static Map<String, Object> body(ErrorCode code, String message, String requestId, @Nullable String reason) {
        return body(code, message, requestId, reason, Map.of());
    }

    /** As {@link #body(ErrorCode, String, String, String)}, with more extensions (say, when to retry). */
    public static Map<String, Object> body(ErrorCode code, String message, String requestId, @Nullable String reason,
                                           Map<String, Object> more) {
        Map<String, Object> extensions = extensions(code, reason, null);
        extensions.putAll(more);
        extensions.put(REQUEST_ID, requestId);
        return Map.of("errors", List.of(Map.of("message", message, "extensions", extensions)));
    }

    /**
     * Names the request in every error of a response, so a client report can be matched with
     * the logs; drops graphql-java's {@code classification}, which tells a client nothing the
     * code does not and reads like a class name.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> withRequestId(Map<String, Object> response, String requestId) {
        if (response.get("errors") instanceof List<?> errors) {
            for (Object error : errors) {
                Map<String, Object> fields = (Map<String, Object>) error;
                Map<String, Object> extensions = new LinkedHashMap<>();
                if (fields.get("extensions") instanceof Map<?, ?> existing) {
                    extensions.putAll((Map<String, Object>) existing);
                }
                extensions.remove("classification");
                extensions.put(REQUEST_ID, requestId);
                fields.put("extensions", extensions);
            }
        }
        return response;
    }

    /**
     * The status of a response that carries no data because of {@code error}: a bad request
     * (400), a refused key (401), or a failure of ours (500; 503 when the database is away, 504
     * when time ran out).
     */
    public static HttpStatus statusOf(GraphQLError error) {
        String code = code(error);
        if (ErrorCode.UNAUTHENTICATED.name().equals(code)) {
            return HttpStatus.UNAUTHORIZED;
        }
        if (ErrorCode.INTERNAL_SERVER_ERROR.name().equals(code)) {
            String reason = reason(error);
            return OutageReason.TIMEOUT.name().equals(reason) ? HttpStatus.GATEWAY_TIMEOUT
                    : OutageReason.DATABASE_UNAVAILABLE.name().equals(reason) ? HttpStatus.SERVICE_UNAVAILABLE
                    : HttpStatus.INTERNAL_SERVER_ERROR;
        }
        return HttpStatus.BAD_REQUEST;
    }

    /** The code of a response Micronaut answered itself with {@code status}. */
    public static ErrorCode codeOf(HttpStatus status) {
        return switch (status) {
            case UNAUTHORIZED -> ErrorCode.UNAUTHENTICATED;
            case FORBIDDEN -> ErrorCode.FORBIDDEN;
            case NOT_FOUND -> ErrorCode.NOT_FOUND;
            case TOO_MANY_REQUESTS -> ErrorCode.RATE_LIMITED;
            default -> status.getCode() >= 500 ? ErrorCode.INTERNAL_SERVER_ERROR : ErrorCode.BAD_USER_INPUT;
        };
    }

    private static Map<String, Object> extensions(ErrorCode code, @Nullable String reason, @Nullable String errorId) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put(CODE, code.name());
        if (reason != null) {
            extensions.put(REASON, reason);
        }
        if (errorId != null) {
            extensions.put(ERROR_ID, errorId);
        }
        return extensions;
    }

    @Nullable
    private static String extension(GraphQLError error, String name) {
        Map<String, Object> extensions = error.getExtensions();
        Object value = extensions == null ? null : extensions.get(name);
        return value == null ? null : value.toString();
    }
}
