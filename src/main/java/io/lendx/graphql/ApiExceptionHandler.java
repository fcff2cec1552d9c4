package io.lendx.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import io.lendx.error.ApiException;
import io.lendx.error.ErrorCode;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns a failed field into a GraphQL error with an {@code extensions.code}. Anything that is
 * not an {@link ApiException} is a bug or an outage: the client gets a generic message and an
 * error id, the log gets the details under the same id.
 */
@Singleton
public class ApiExceptionHandler implements DataFetcherExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
            DataFetcherExceptionHandlerParameters parameters) {
        Throwable failure = unwrap(parameters.getException());
        GraphqlErrorBuilder<?> error = GraphqlErrorBuilder.newError(parameters.getDataFetchingEnvironment());
        if (!(failure instanceof ApiException api)) {
            String errorId = UUID.randomUUID().toString();
            LOG.error("Unexpected failure {} resolving {}", errorId, parameters.getPath(), failure);
            error.message("Internal server error (error id " + errorId + ")")
                    .extensions(Map.of("code", ErrorCode.INTERNAL_SERVER_ERROR.name(), "errorId", errorId));
            return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error.build()).build());
        }
        return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(toError(api, error)).build());
    }

    /** The client's view of an API failure: its message, its code and its extra extensions. */
    static GraphQLError toError(ApiException failure, GraphqlErrorBuilder<?> error) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", failure.code().name());
        extensions.putAll(failure.extensions());
        return error.message(failure.getMessage()).extensions(extensions).build();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
