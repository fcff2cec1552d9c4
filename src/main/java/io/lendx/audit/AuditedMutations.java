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
import io.lendx.graphql.MutationTransaction;
import io.lendx.graphql.RequestDeadline;
import io.lendx.http.RequestInfo;
import io.lendx.idempotency.ReplayNotice;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Audits every mutation attempt: whatever the mutation's fetcher does (succeeds, is refused,
 * throws before it starts), one row is written before its answer is sent. A success's row is
 * written in the mutation's own transaction, so a committed effect always has its row; a
 * refusal, whose transaction rolled back, gets its row in one of its own. Only the fields of
 * {@code Mutation} are wrapped; reads pay nothing.
 */
@Singleton
public class AuditedMutations implements FetcherDecorator {

    private static final Logger LOG = LoggerFactory.getLogger(AuditedMutations.class);
    private static final String MUTATION = "Mutation";

    private final AuditService audit;
    private final MutationTransaction transaction;

    public AuditedMutations(AuditService audit, MutationTransaction transaction) {
        this.audit = audit;
        this.transaction = transaction;
    }

    @Override
    public DataFetcher<?> decorate(FieldCoordinates field, DataFetcher<?> fetcher) {
        if (!MUTATION.equals(field.getTypeName())) {
            return fetcher;
        }
        return env -> {
            ReplayNotice replay = new ReplayNotice();
            AtomicBoolean auditedInItsTransaction = new AtomicBoolean();
            MutationContext.set(env, Map.of(ReplayNotice.class, replay), new MutationContext.Wrapper() {
                @Override
                public <T> Mono<T> wrap(Mono<T> mutation) {
                    // The success row commits with the effect, or neither does: written after the
                    // commit, it was lost when the database went away in between.
                    return transaction.run(RequestDeadline.of(env), status -> mutation.flatMap(value ->
                            audit.record(attempt(env, value, null, replay.wasReplayed()))
                                    .doOnSuccess(row -> auditedInItsTransaction.set(true))
                                    .thenReturn(value)));
                }
            });
            return run(fetcher, env).handle((value, failure) -> failure == null && auditedInItsTransaction.get()
                            ? CompletableFuture.completedFuture(value)
                            // A refusal rolled its own transaction back; its row is written in one of its own.
                            : record(env, value, failure, replay.wasReplayed())
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
        AuditService.Attempt attempt = attempt(env, value, failure, replay);
        return audit.record(attempt)
                // A mutation cut off because the database stopped answering must still be answered.
                .timeout(RequestDeadline.AFTERMATH)
                .doOnError(e -> LOG.error("Could not audit {} by {} (outcome {})", attempt.action(), attempt.actor(),
                        attempt.errorCode() == null ? (replay ? "REPLAY" : "SUCCESS") : attempt.errorCode(), e))
                .onErrorComplete()
                .then()
                .toFuture();
    }

    private static AuditService.Attempt attempt(DataFetchingEnvironment env, @Nullable Object value,
                                                @Nullable Throwable failure, boolean replay) {
        Caller caller = Callers.optional(env);
        RequestInfo request = env.getGraphQlContext().get(RequestInfo.class);
        Map<String, Object> input = env.getArgument("input");
        return new AuditService.Attempt(caller == null ? null : caller.identity(),
                env.getField().getName(), AuditTargets.of(input, value), failure == null ? null : codeOf(failure),
                request == null ? null : request.requestId(), request == null ? null : request.clientAddress(),
                replay);
    }

    private static String codeOf(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof ApiException api ? api.code().name() : ErrorCode.INTERNAL_SERVER_ERROR.name();
    }
}
