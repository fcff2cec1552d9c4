package io.lendx.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import io.lendx.error.ApiException;
import io.lendx.error.BadUserInputException;
import io.lendx.error.ErrorCode;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Turns a failed field into a GraphQL error with an {@code extensions.code}. Anything that is
 * not an {@link ApiException} is a bug or an outage: the client gets a generic message and an
 * error id, the log gets the details under the same id.
 */
@Singleton
public class ApiExceptionHandler implements DataFetcherExceptionHandler {

    /** {@code extensions.reason} of a request or statement that ran out of time. */
    static final String TIMEOUT = "TIMEOUT";
    /** {@code extensions.reason} when the database cannot be reached; the request may be retried. */
    static final String DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE";
    private static final String QUERY_CANCELED = "57014";
    private static final String DATA_EXCEPTION_CLASS = "22";
    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
            DataFetcherExceptionHandlerParameters parameters) {
        GraphQLError error = toError(parameters.getException(),
                GraphqlErrorBuilder.newError(parameters.getDataFetchingEnvironment()), parameters.getPath());
        return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error).build());
    }

    /**
     * Any failure as the client may see it: an {@link ApiException} as it is; anything else as a
     * generic INTERNAL_SERVER_ERROR with an error id that the log line carries too, with a
     * {@code reason} when the database timed out or could not be reached.
     */
    static GraphQLError toError(Throwable thrown, GraphqlErrorBuilder<?> error, Object where) {
        Throwable failure = unwrap(thrown);
        if (failure instanceof ApiException api) {
            return toError(api, error);
        }
        if (isDataException(failure)) {
            return toError(new BadUserInputException(
                    "An argument holds a value that cannot be stored or compared (e.g. a NUL character)"), error);
        }
        String errorId = UUID.randomUUID().toString();
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", ErrorCode.INTERNAL_SERVER_ERROR.name());
        extensions.put("errorId", errorId);
        if (isStatementTimeout(failure)) {
            LOG.warn("Statement timeout {} at {}", errorId, where);
            extensions.put("reason", TIMEOUT);
            error.message("The database took too long to answer (error id " + errorId + ")");
        } else if (isDatabaseUnavailable(failure)) {
            LOG.warn("Database unavailable {} at {}: {}", errorId, where, failure.toString());
            extensions.put("reason", DATABASE_UNAVAILABLE);
            error.message("The database is unavailable; try again shortly (error id " + errorId + ")");
        } else {
            LOG.error("Unexpected failure {} at {}", errorId, where, failure);
            error.message("Internal server error (error id " + errorId + ")");
        }
        return error.extensions(extensions).build();
    }

    /** The client's view of an API failure: its message, its code and its extra extensions. */
    static GraphQLError toError(ApiException failure, GraphqlErrorBuilder<?> error) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", failure.code().name());
        extensions.putAll(failure.extensions());
        return error.message(failure.getMessage()).extensions(extensions).build();
    }

    /** PostgreSQL refused a value itself (SQLSTATE class 22: bad encoding, overflow, ...): the input's fault. */
    private static boolean isDataException(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof R2dbcException r2dbc && r2dbc.getSqlState() != null
                    && r2dbc.getSqlState().startsWith(DATA_EXCEPTION_CLASS)) {
                return true;
            }
        }
        return false;
    }

    /** No connection could be had or kept: refused, timed out, or closed under us. */
    private static boolean isDatabaseUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof R2dbcNonTransientResourceException || cause instanceof R2dbcTransientResourceException
                    || cause instanceof ConnectException || cause instanceof TimeoutException
                    || cause instanceof ClosedChannelException) {
                return true;
            }
        }
        return false;
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
