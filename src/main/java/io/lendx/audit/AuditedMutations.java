package io.lendx.audit;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import io.lendx.auth.Caller;
import io.lendx.auth.Callers;
import io.lendx.error.ApiException;
import io.lendx.error.ErrorCode;
import io.lendx.graphql.FetcherDecorator;
import io.lendx.graphql.MutationContext;
import io.lendx.graphql.RequestInfo;
import io.lendx.idempotency.ReplayNotice;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Audits every mutation attempt: whatever the mutation's fetcher does (succeeds, is refused,
 * throws before it starts), one row is written after it and before its answer is sent. Only
 * the fields of {@code Mutation} are wrapped; reads pay nothing.
 */
@Singleton
public class AuditedMutations implements FetcherDecorator {

    private static final Logger LOG = LoggerFactory.getLogger(AuditedMutations.class);
    private static final String MUTATION = "Mutation";

    private final AuditService audit;

    public AuditedMutations(AuditService audit) {
        this.audit = audit;
    }

    @Override
    public DataFetcher<?> decorate(FieldCoordinates field, DataFetcher<?> fetcher) {
        if (!MUTATION.equals(field.getTypeName())) {
            return fetcher;
        }
        return env -> {
            ReplayNotice replay = new ReplayNotice();
            MutationContext.set(env, Map.of(ReplayNotice.class, replay));
            return run(fetcher, env).handle((value, failure) -> record(env, value, failure, replay.wasReplayed())
                            .thenCompose(recorded -> failure == null ? CompletableFuture.completedFuture(value)
                                    : CompletableFuture.failedFuture(failure)))
                    .thenCompose(outcome -> outcome);
        };
    }

    private static CompletableFuture<Object> run(DataFetcher<?> fetcher, DataFetchingEnvironment env) {
        try {
            Object result = fetcher.get(env);
            return result instanceof CompletionStage<?> stage ? stage.toCompletableFuture().thenApply(v -> v)
                    : CompletableFuture.completedFuture(result);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<Void> record(DataFetchingEnvironment env, @Nullable Object value,
                                           @Nullable Throwable failure, boolean replay) {
        Caller caller = Callers.optional(env);
        RequestInfo request = env.getGraphQlContext().get(RequestInfo.class);
        Map<String, Object> input = env.getArgument("input");
        AuditService.Attempt attempt = new AuditService.Attempt(caller == null ? null : caller.identity(),
                env.getField().getName(), AuditTargets.of(input, value), failure == null ? null : codeOf(failure),
                request == null ? null : request.requestId(), request == null ? null : request.clientAddress(),
                replay);
        return audit.record(attempt)
                .doOnError(e -> LOG.error("Could not audit {} by {} (outcome {})", attempt.action(), attempt.actor(),
                        attempt.errorCode() == null ? (replay ? "REPLAY" : "SUCCESS") : attempt.errorCode(), e))
                .onErrorComplete()
                .then()
                .toFuture();
    }

    private static String codeOf(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof ApiException api ? api.code().name() : ErrorCode.INTERNAL_SERVER_ERROR.name();
    }
}
