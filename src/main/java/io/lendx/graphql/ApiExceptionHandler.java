package io.lendx.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import io.lendx.error.ApiException;
import io.lendx.error.ErrorCode;
import io.r2dbc.spi.R2dbcException;
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

    /** {@code extensions.reason} of a request or statement that ran out of time. */
    static final String TIMEOUT = "TIMEOUT";
    private static final String QUERY_CANCELED = "57014";
    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
            DataFetcherExceptionHandlerParameters parameters) {
        Throwable failure = unwrap(parameters.getException());
        GraphqlErrorBuilder<?> error = GraphqlErrorBuilder.newError(parameters.getDataFetchingEnvironment());
        if (!(failure instanceof ApiException api)) {
            String errorId = UUID.randomUUID().toString();
            Map<String, Object> extensions = new LinkedHashMap<>();
            extensions.put("code", ErrorCode.INTERNAL_SERVER_ERROR.name());
            extensions.put("errorId", errorId);
            if (isStatementTimeout(failure)) {
                LOG.warn("Statement timeout {} resolving {}", errorId, parameters.getPath());
                extensions.put("reason", TIMEOUT);
                error.message("The database took too long to answer (error id " + errorId + ")");
            } else {
                LOG.error("Unexpected failure {} resolving {}", errorId, parameters.getPath(), failure);
                error.message("Internal server error (error id " + errorId + ")");
            }
            return CompletableFuture.completedFuture(
                    DataFetcherExceptionHandlerResult.newResult(error.extensions(extensions).build()).build());
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

    /** PostgreSQL cancelled a statement that ran past {@code statement_timeout}. */
    private static boolean isStatementTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof R2dbcException r2dbc && QUERY_CANCELED.equals(r2dbc.getSqlState())) {
                return true;
            }
        }
        return false;
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
