package io.lendx.execution;

import io.lendx.graphql.ApiErrors;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.OperationDefinition;
import io.lendx.monitoring.RequestProfile;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code graphql.request} timers by operation name, type and outcome, a {@code graphql.errors}
 * counter by {@code extensions.code}, and by operation the statements
 * ({@code graphql.request.statements}) and database time ({@code graphql.request.database}) of
 * each request.
 */
@Singleton
public class MetricsInstrumentation extends SimplePerformantInstrumentation {

    private final MeterRegistry meters;
    /** Found once per operation, type and outcome: registering looks the meter up by its name and sorted tags. */
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, DatabaseMeters> database = new ConcurrentHashMap<>();

    private record TimerKey(String operation, String type, String outcome) {

        /** Written out, as {@code QueryLimitsInstrumentation}'s key: a record's own goes through method handles. */
        @Override
        public boolean equals(Object other) {
            return other instanceof TimerKey that && Objects.equals(that.operation, operation)
                    && Objects.equals(that.type, type) && Objects.equals(that.outcome, outcome);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Objects.hashCode(operation) + Objects.hashCode(type)) + Objects.hashCode(outcome);
        }
    }

    public MetricsInstrumentation(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Buckets rather than client-side percentiles, so that instances can be summed in Prometheus. */
    private record DatabaseMeters(DistributionSummary statements, Timer time) {

        static DatabaseMeters register(MeterRegistry meters, String operation) {
            return new DatabaseMeters(
                    DistributionSummary.builder("graphql.request.statements")
                            .description("SQL statements per GraphQL request, by operation")
                            .tag("operation", operation)
                            .serviceLevelObjectives(1, 2, 3, 5, 10, 20, 50, 100)
                            .register(meters),
                    Timer.builder("graphql.request.database")
                            .description("Time in SQL statements per GraphQL request (summed), by operation")
                            .tag("operation", operation)
                            .serviceLevelObjectives(Stream.of(1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500)
                                    .map(Duration::ofMillis).toArray(Duration[]::new))
                            .register(meters));
        }

        void record(RequestProfile profile) {
            statements.record(profile.statements());
            time.record(profile.databaseNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private static final class RequestState implements InstrumentationState {
        private final Timer.Sample sample;
        private volatile String operation = "unknown";
        private volatile String type = "unknown";

        private RequestState(Timer.Sample sample) {
            this.sample = sample;
        }
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        return new RequestState(Timer.start(meters));
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        OperationDefinition operation = parameters.getExecutionContext().getOperationDefinition();
        if (state instanceof RequestState request) {
            request.operation = operation.getName() == null ? "anonymous" : operation.getName();
            request.type = operation.getOperation().name().toLowerCase();
        }
        return SimpleInstrumentationContext.noOp();
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                                                                       InstrumentationExecutionParameters parameters,
                                                                       InstrumentationState state) {
        if (state instanceof RequestState request) {
            request.sample.stop(timers.computeIfAbsent(
                    new TimerKey(request.operation, request.type, result.getErrors().isEmpty() ? "success" : "error"),
                    key -> Timer.builder("graphql.request")
                            .description("GraphQL requests by operation, type and outcome")
                            .tag("operation", key.operation())
                            .tag("type", key.type())
                            .tag("outcome", key.outcome())
                            .register(meters)));
        }
        if (state instanceof RequestState request
                && parameters.getGraphQLContext().get(RequestProfile.class) instanceof RequestProfile profile) {
            profile.operation(request.operation);
            database.computeIfAbsent(request.operation, operation -> DatabaseMeters.register(meters, operation))
                    .record(profile);
        }
        for (GraphQLError error : result.getErrors()) {
            String code = ApiErrors.code(error);
            meters.counter("graphql.errors", "code", code == null ? "NONE" : code).increment();
        }
        return CompletableFuture.completedFuture(result);
    }
}
