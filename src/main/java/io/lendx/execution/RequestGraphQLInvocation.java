package io.lendx.execution;

import io.lendx.replica.ReadRouting;
import io.lendx.replica.Route;
import io.lendx.error.OutageReason;
import io.lendx.graphql.Continuations;
import io.lendx.monitoring.RequestProfile;
import io.lendx.graphql.RefusedRequestListener;
import io.lendx.graphql.Documents;
import io.lendx.graphql.ApiErrors;
import io.lendx.graphql.RequestDeadline;
import io.lendx.graphql.RequestContextContributor;
import io.lendx.timer.DeadlineTimer;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.introspection.Introspection;
import io.lendx.error.ErrorCode;
import io.micronaut.configuration.graphql.DefaultGraphQLInvocation;
import io.micronaut.configuration.graphql.GraphQLInvocation;
import io.micronaut.configuration.graphql.GraphQLInvocationData;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Executes a GraphQL request on its own {@link RequestWorkQueue} with its own DataLoader
 * registry. Both are created here, on the request thread, rather than as {@code @RequestScope}
 * beans: the request's work continues on R2DBC threads, where no request scope is present.
 */
@Singleton
@Replaces(DefaultGraphQLInvocation.class)
public class RequestGraphQLInvocation implements GraphQLInvocation {

    /**
     * Queries are cut off at the request timeout. A mutation is not: abandoning the wait would
     * not cancel its transaction, and the client would be told of a failure that then commits.
     * Its own chain is cancelled at that deadline instead ({@link RequestDeadline}), which rolls
     * the transaction back and answers with its true outcome; this is only a backstop past that.
     */
    private static final Duration MUTATION_BACKSTOP = RequestDeadline.AFTERMATH.plusSeconds(1);

    private final GraphQL graphQL;
    private final DataLoaderRegistryFactory loaders;
    private final List<RequestContextContributor> contributors;
    private final QueryLimitsConfiguration limits;
    private final List<RefusedRequestListener> refusalListeners;
    private final ExecutionGate gate;
    private final Documents documents;
    private final ReadRouting routing;
    private final DeadlineTimer deadlines;

    public RequestGraphQLInvocation(GraphQL graphQL, DataLoaderRegistryFactory loaders,
                                    List<RequestContextContributor> contributors, QueryLimitsConfiguration limits,
                                    List<RefusedRequestListener> refusalListeners, ExecutionGate gate,
                                    Documents documents, ReadRouting routing, DeadlineTimer deadlines) {
        this.graphQL = graphQL;
        this.loaders = loaders;
        this.contributors = contributors;
        this.limits = limits;
        this.refusalListeners = refusalListeners;
        this.gate = gate;
        this.documents = documents;
        this.routing = routing;
        this.deadlines = deadlines;
    }

    /**
     * How a caller runs the execution once the request's context is known (the caller checked,
     * say): the response cache answers from memory or calls {@code execute}.
     */
    @FunctionalInterface
    public interface Around<T> {
        Mono<T> run(Map<Object, Object> context, boolean mutation, Supplier<Mono<ExecutionResult>> execute);
    }

    @Override
    public Publisher<ExecutionResult> invoke(GraphQLInvocationData invocationData, HttpRequest httpRequest,
                                             @Nullable MutableHttpResponse<String> httpResponse) {
        return invoke(invocationData, httpRequest, (context, mutation, execute) -> execute.get(), Function.identity());
    }

    /**
     * Runs the request under its deadline: its context first, then {@code around}; a failure of
     * either (a refused key, a timeout) becomes a result with one error, passed to {@code failed}.
     */
    public <T> Mono<T> invoke(GraphQLInvocationData invocationData, HttpRequest<?> httpRequest, Around<T> around,
                              Function<ExecutionResult, T> failed) {
        boolean mutation = documents.isMutation(invocationData.getQuery(), invocationData.getOperationName());
        Duration timeout = limits.getRequestTimeout();
        Function<Map<Object, Object>, Mono<T>> run = entries -> around.run(entries, mutation,
                () -> gate.admit(invocationData.getQuery(), executed(invocationData, entries,
                        httpRequest.getHeaders().get(HttpHeaders.AUTHORIZATION), mutation)));
        // Nothing has run before execution (the key is checked, say): a mutation is cut off there
        // like a query, whose deadline below covers it all.
        Mono<T> execution = mutation
                ? Mono.firstWithSignal(Mono.defer(() -> withContext(httpRequest, Mono::just)), after(timeout, false))
                        .flatMap(run)
                : Mono.defer(() -> withContext(httpRequest, run));
        return Mono.firstWithSignal(execution, mutation ? after(timeout.plus(MUTATION_BACKSTOP), true)
                        : after(timeout, false))
                .onErrorResume(failure -> {
                    GraphQLError error = failure instanceof RequestTimedOut slow ? slow.toError()
                            : ApiExceptionHandler.toError(failure, GraphqlErrorBuilder.newError(), "request");
                    Mono<T> result = Mono.fromSupplier(() -> failed.apply(
                            ExecutionResult.newExecutionResult().addError(error).build()));
                    if (failure instanceof RequestTimedOut slow && slow.mayHaveRun) {
                        return result;
                    }
                    // Refused before execution: a bad key, no database to check it, no time left.
                    return Flux.fromIterable(refusalListeners)
                            .concatMap(listener -> listener.refused(httpRequest, invocationData.getQuery(),
                                    invocationData.getOperationName(), error))
                            .then(result);
                });
    }

    /**
     * {@code run} with the request's context: what every contributor adds, in order, to the
     * service's own entries. Each contributor is asked once. While their parts are known at once
     * (an anonymous caller, a checked key: {@code Mono.just}, a {@link Callable} as Reactor's own
     * operators read it), they are merged here, without the four operators each request paid for
     * a context that was known before it began; from the first that has to wait, in a chain.
     */
    private <T> Mono<T> withContext(HttpRequest<?> httpRequest, Function<Map<Object, Object>, Mono<T>> run) {
        Map<Object, Object> entries = newContext(RequestProfile.of(httpRequest));
        for (int i = 0; i < contributors.size(); i++) {
            Mono<Map<Object, Object>> part = contributors.get(i).contribute(httpRequest);
            if (!(part instanceof Callable<?> known)) {
                return Flux.concat(part, Flux.fromIterable(contributors.subList(i + 1, contributors.size()))
                                .concatMap(contributor -> contributor.contribute(httpRequest)))
                        .reduce(entries, RequestGraphQLInvocation::merged)
                        .flatMap(run);
            }
            try {
                if (known.call() instanceof Map<?, ?> more) {
                    entries.putAll(more);
                }
            } catch (Exception refused) {
                return Mono.error(refused);
            }
        }
        return run.apply(entries);
    }

    private static Map<Object, Object> merged(Map<Object, Object> entries, Map<Object, Object> more) {
        entries.putAll(more);
        return entries;
    }

    /** Routed to the replica or the primary; after a mutation, where its writes ended is kept. */
    private Mono<ExecutionResult> executed(GraphQLInvocationData invocationData, Map<Object, Object> context,
                                           @Nullable String authorization, boolean mutation) {
        if (!routing.routes()) {
            return Mono.fromFuture(() -> execute(invocationData, context,
                    loaders.newWorkQueue((RequestProfile) context.get(RequestProfile.class))));
        }
        Mono<ExecutionResult> result = routing.route(context, authorization, mutation)
                .flatMap(route -> executedOn(route, invocationData, context));
        return mutation ? result.flatMap(done -> done.getErrors().isEmpty()
                ? routing.written(authorization).thenReturn(done) : Mono.just(done)) : result;
    }

    /** Asked again of the primary when the replica cancelled a statement of it (a recovery conflict). */
    private Mono<ExecutionResult> executedOn(Route reads, GraphQLInvocationData invocationData,
                                             Map<Object, Object> context) {
        return Mono.defer(() -> {
            RequestWorkQueue work = loaders.newWorkQueue(reads, (RequestProfile) context.get(RequestProfile.class));
            return Mono.fromFuture(execute(invocationData, context, work))
                    .flatMap(result -> work.replicaConflict()
                            ? Mono.defer(() -> {
                                routing.retriedOnPrimary();
                                return executedOn(Route.PRIMARY, invocationData, context);
                            })
                            : Mono.just(result));
        });
    }

    private CompletableFuture<ExecutionResult> execute(GraphQLInvocationData invocationData,
                                                       Map<Object, Object> context, RequestWorkQueue work) {
        context.put(Continuations.class, work);
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(Objects.requireNonNullElse(invocationData.getQuery(), ""))
                .operationName(invocationData.getOperationName())
                .variables(Objects.requireNonNullElse(invocationData.getVariables(), Map.of()))
                .dataLoaderRegistry(work.loaders())
                .graphQLContext(context)
                .build();
        GraphQL.unusualConfiguration(input).responseMapFactory().setFactory(ResponseObject.FACTORY);
        long started = System.nanoTime();
        CompletableFuture<ExecutionResult> result = work.start(() -> graphQL.executeAsync(input));
        if (context.get(RequestProfile.class) instanceof RequestProfile profile) {
            return result.whenComplete((done, failure) -> profile.executed(System.nanoTime() - started));
        }
        return result;
    }

    /**
     * This request's own deadline, passed after {@code delay} (not Mono.timeout, which builds a
     * description of the whole operator chain on every request).
     */
    private <T> Mono<T> after(Duration delay, boolean mayHaveRun) {
        return deadlines.after(delay, () -> new RequestTimedOut(delay, mayHaveRun));
    }

    /**
     * This request's own deadline passed (unlike a driver's or pool's TimeoutException). Only the
     * backstop of a mutation {@code mayHaveRun}: the mutation's own deadline failed to end it.
     */
    private static final class RequestTimedOut extends RuntimeException {

        private final boolean mayHaveRun;

        private RequestTimedOut(Duration after, boolean mayHaveRun) {
            super("The request took longer than " + after.toMillis() + " ms"
                    + (mayHaveRun ? "; its outcome is unknown: retry it with the same idempotencyKey to learn it"
                    : " and was cancelled"), null, false, false);
            this.mayHaveRun = mayHaveRun;
        }

        GraphQLError toError() {
            return ApiErrors.error(GraphqlErrorBuilder.newError(), ErrorCode.INTERNAL_SERVER_ERROR, getMessage(),
                    OutageReason.TIMEOUT.name(), null);
        }
    }

    private Map<Object, Object> newContext(@Nullable RequestProfile profile) {
        Map<Object, Object> context = new HashMap<>();
        if (profile != null) {
            context.put(RequestProfile.class, profile);
        }
        context.put(RequestDeadline.class, RequestDeadline.after(limits.getRequestTimeout()));
        if (!limits.isIntrospectionEnabled()) {
            context.put(Introspection.INTROSPECTION_DISABLED, true);
        }
        return context;
    }
}
