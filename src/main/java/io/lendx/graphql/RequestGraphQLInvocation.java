package io.lendx.graphql;

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
import java.util.concurrent.CompletableFuture;

/**
 * Executes a GraphQL request on its own {@link RequestExecutor} with its own DataLoader
 * registry. Both are created here, on the request thread, rather than as {@code @RequestScope}
 * beans: the request's work continues on R2DBC threads, where no request scope is present.
 */
@Singleton
@Replaces(DefaultGraphQLInvocation.class)
public class RequestGraphQLInvocation implements GraphQLInvocation {

    /** Only a backstop: the statement and acquire timeouts end a stuck mutation long before. */
    private static final Duration MUTATION_DEADLINE = Duration.ofMinutes(2);

    private final GraphQL graphQL;
    private final DataLoaderRegistryFactory loaders;
    private final List<RequestContextContributor> contributors;
    private final QueryLimitsConfiguration limits;
    private final List<RefusedRequestListener> refusalListeners;
    private final ExecutionGate gate;

    public RequestGraphQLInvocation(GraphQL graphQL, DataLoaderRegistryFactory loaders,
                                    List<RequestContextContributor> contributors, QueryLimitsConfiguration limits,
                                    List<RefusedRequestListener> refusalListeners, ExecutionGate gate) {
        this.graphQL = graphQL;
        this.loaders = loaders;
        this.contributors = contributors;
        this.limits = limits;
        this.refusalListeners = refusalListeners;
        this.gate = gate;
    }

    @Override
    public Publisher<ExecutionResult> invoke(GraphQLInvocationData invocationData, HttpRequest httpRequest,
                                             @Nullable MutableHttpResponse<String> httpResponse) {
        Mono<ExecutionResult> execution = Flux.fromIterable(contributors)
                .concatMap(contributor -> contributor.contribute(httpRequest))
                .reduce(newContext(), (context, entries) -> {
                    context.putAll(entries);
                    return context;
                })
                .flatMap(context -> gate.admit(invocationData.getQuery(),
                        Mono.fromFuture(() -> execute(invocationData, context))));
        // Not Mono.timeout: it builds a description of the whole operator chain on every request.
        Mono<ExecutionResult> deadline = Mono.delay(deadline(invocationData)).then(Mono.error(RequestTimedOut::new));
        return Mono.firstWithSignal(execution, deadline)
                .onErrorResume(RequestTimedOut.class, slow -> Mono.just(ExecutionResult.newExecutionResult()
                        .addError(GraphqlErrorBuilder.newError()
                                .message("The request took longer than " + limits.getRequestTimeout().toMillis()
                                        + " ms and was cancelled")
                                .extensions(Map.of("code", ErrorCode.INTERNAL_SERVER_ERROR.name(),
                                        "reason", ApiExceptionHandler.TIMEOUT))
                                .build())
                        .build()))
                // A refusal before execution (a bad key) or a failure to check it (no database).
                .onErrorResume(failure -> {
                    GraphQLError error = ApiExceptionHandler.toError(failure, GraphqlErrorBuilder.newError(), "request");
                    return Flux.fromIterable(refusalListeners)
                            .concatMap(listener -> listener.refused(httpRequest, invocationData.getQuery(),
                                    invocationData.getOperationName(), error))
                            .then(Mono.just(ExecutionResult.newExecutionResult().addError(error).build()));
                });
    }

    private CompletableFuture<ExecutionResult> execute(GraphQLInvocationData invocationData,
                                                       Map<Object, Object> context) {
        RequestExecutor executor = loaders.newExecutor();
        context.put(RequestExecutor.class, executor);
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(Objects.requireNonNullElse(invocationData.getQuery(), ""))
                .operationName(invocationData.getOperationName())
                .variables(Objects.requireNonNullElse(invocationData.getVariables(), Map.of()))
                .dataLoaderRegistry(executor.loaders())
                .graphQLContext(context)
                .build();
        return executor.start(() -> graphQL.executeAsync(input));
    }

    /** This request's own deadline passed (unlike a driver's or pool's TimeoutException). */
    private static final class RequestTimedOut extends RuntimeException {
        private RequestTimedOut() {
            super(null, null, false, false);
        }
    }

    /**
     * Queries are cut off at the request timeout. A mutation is not: cancelling the wait would
     * not cancel its transaction, and the client would be told of a failure that then commits.
     * A mutation is bounded by the statement timeout and the pool's acquire timeout instead, and
     * its answer is its true outcome.
     */
    private Duration deadline(GraphQLInvocationData invocationData) {
        return Operations.isMutation(invocationData.getQuery(), invocationData.getOperationName())
                ? MUTATION_DEADLINE : limits.getRequestTimeout();
    }

    private Map<Object, Object> newContext() {
        Map<Object, Object> context = new HashMap<>();
        if (!limits.isIntrospectionEnabled()) {
            context.put(Introspection.INTROSPECTION_DISABLED, true);
        }
        return context;
    }
}
