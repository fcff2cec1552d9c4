package io.lendx.http;

import io.lendx.graphql.ApiErrors;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Errors Micronaut answers itself, before any controller (a body over the size limit, headers
 * over theirs, an unknown path or method), in the same {@code errors} shape with an
 * {@code extensions.code} as every other refusal, instead of Micronaut's HATEOAS body. Oversized
 * headers are 431, as RFC 6585 names them, not the 413 Micronaut answers.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class FrameworkErrorBodies implements ErrorResponseProcessor<Map<String, Object>> {

    @Override
    public MutableHttpResponse<Map<String, Object>> processResponse(ErrorContext context,
                                                                    MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        if (status == HttpStatus.REQUEST_ENTITY_TOO_LARGE && context.getRootCause().isEmpty()) {
            // Netty's decoder refused the request's head (its headers); a body over the limit
            // comes with a ContentLengthExceededException instead.
            status = HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        }
        Map<String, Object> body = ApiErrors.body(ApiErrors.codeOf(status), messageOf(status),
                RequestIdFilter.of(context.getRequest()), null);
        return response.status(status).contentType(MediaType.APPLICATION_JSON_TYPE).body(body);
    }

    /** Our words: Micronaut's messages can name its classes and limits' internals. */
    private static String messageOf(HttpStatus status) {
        return switch (status) {
            case REQUEST_ENTITY_TOO_LARGE -> "The request body is larger than the server accepts";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request's headers are larger than the server accepts";
            case NOT_FOUND -> "Nothing is served at this path";
            case METHOD_NOT_ALLOWED -> "This method is not allowed here";
            default -> status.getCode() >= 500 ? "Internal server error" : status.getReason();
        };
    }
}
