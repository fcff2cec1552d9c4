package io.lendx.execution;

import io.lendx.error.OutageReason;
import io.lendx.graphql.ApiErrors;
import io.lendx.error.SqlStates;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import io.lendx.error.ApiException;
import io.lendx.error.BadUserInputException;
import io.lendx.error.ErrorCode;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import jakarta.inject.Singleton;
import io.lendx.monitoring.RequestProfile;
import io.lendx.monitoring.TraceLogFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
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
            return ApiErrors.error(error, api);
        }
        if (SqlStates.isDataException(failure)) {
            return ApiErrors.error(error, new BadUserInputException(
                    "An argument holds a value that cannot be stored or compared (e.g. a NUL character)"));
        }
        String errorId = UUID.randomUUID().toString();
        ErrorCode code = ErrorCode.INTERNAL_SERVER_ERROR;
        // On the request's work queue, where its profile is current, the lines carry its trace.
        RequestProfile profile = RequestProfile.current();
        if (SqlStates.isQueryCanceled(failure)) {
            TraceLogFields.during(profile, () -> LOG.warn("Statement timeout {} at {}", errorId, where));
            return ApiErrors.error(error, code, "The database took too long to answer (error id " + errorId + ")",
                    OutageReason.TIMEOUT.name(), errorId);
        }
        if (isDatabaseUnavailable(failure)) {
            TraceLogFields.during(profile,
                    () -> LOG.warn("Database unavailable {} at {}: {}", errorId, where, failure.toString()));
            return ApiErrors.error(error, code, "The database is unavailable; try again shortly (error id "
                    + errorId + ")", OutageReason.DATABASE_UNAVAILABLE.name(), errorId);
        }
        TraceLogFields.during(profile, () -> LOG.error("Unexpected failure {} at {}", errorId, where, failure));
        return ApiErrors.error(error, code, "Internal server error (error id " + errorId + ")", null, errorId);
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

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
