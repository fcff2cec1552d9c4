package io.lendx.audit;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import io.lendx.auth.Caller;
import io.lendx.auth.Callers;
import io.lendx.error.ApiException;
import io.lendx.error.ErrorCode;
import io.lendx.graphql.FetcherDecorator;
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
import java.util.concurrent.CompletionException;

/**
 * Runs every mutation and audits every attempt. A mutation's fetcher returns its work as a
 * {@link Mono}; this runs it in the mutation's transaction ({@link MutationTransaction}), cut off
 * at the request's deadline, and hands graphql-java the outcome. Whatever the fetcher does
 * (succeeds, is refused, throws before it starts), one row is written before its answer is
 * sent: a success's row in the mutation's own transaction, so a committed effect always has its
 * row (written after the commit, it was lost when the database went away in between); a
 * refusal's, whose transaction rolled back, in one of its own. Only the fields of
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
            return run(fetcher, env, replay)
                    .onErrorResume(failure -> refused(env, failure, replay.wasReplayed()).then(Mono.error(failure)))
                    .toFuture();
        };
    }

    /**
     * The fetcher's work in its transaction, or the failure it throws before it starts (a missing
     * key, a bad input), for which no transaction is opened.
     */
    @SuppressWarnings("unchecked")
    private Mono<Object> run(DataFetcher<?> fetcher, DataFetchingEnvironment env, ReplayNotice replay) {
        Object work;
        try {
            work = fetcher.get(env);
        } catch (Exception e) {
            return Mono.error(e);
        }
        if (!(work instanceof Mono<?> mono)) {
            return Mono.error(new IllegalStateException("The mutation " + env.getField().getName()
                    + " must return a Mono"));
        }
        return inTransaction(env, (Mono<Object>) mono, replay);
    }

    /** {@code work} with its success row in its transaction, cut off (outside it, so it rolls back) at the deadline. */
    private Mono<Object> inTransaction(DataFetchingEnvironment env, Mono<Object> work, ReplayNotice replay) {
        RequestDeadline deadline = RequestDeadline.of(env);
        Mono<Object> committed = transaction.run(deadline, status -> work.flatMap(value ->
                        audit.record(attempt(env, value, null, replay.wasReplayed())).thenReturn(value)))
                .contextWrite(context -> context.put(ReplayNotice.class, replay));
        return deadline == null ? committed : deadline.bound(committed);
    }

    /** A refusal's row, in a transaction of its own; given up after a while if the database stopped answering. */
    private Mono<Void> refused(DataFetchingEnvironment env, Throwable failure, boolean replay) {
        AuditService.Attempt attempt = attempt(env, null, failure, replay);
        return audit.record(attempt)
                .timeout(RequestDeadline.AFTERMATH)
                .doOnError(e -> LOG.error("Could not audit {} by {} (outcome {})", attempt.action(), attempt.actor(),
                        attempt.errorCode(), e))
                .onErrorComplete()
                .then();
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
