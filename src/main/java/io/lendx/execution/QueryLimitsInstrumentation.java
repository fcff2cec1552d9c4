package io.lendx.execution;

import com.github.benmanes.caffeine.cache.Cache;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.analysis.QueryComplexityCalculator;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Document;
import graphql.schema.GraphQLTypeUtil;
import io.lendx.error.ErrorCode;
import io.lendx.graphql.ApiErrors;
import io.lendx.graphql.Documents;
import io.lendx.localcache.LocalCaches;
import io.lendx.monitoring.RequestProfile;
import io.lendx.paging.PageRequest;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Refuses a request whose operation is too deep, too costly, too wide (aliases) or has too
 * many root fields, after validation and before any fetcher runs. A field costs 1; a
 * connection multiplies the cost of its selection by the page size it asks for.
 */
@Singleton
public class QueryLimitsInstrumentation extends SimplePerformantInstrumentation {

    private static final String CONNECTION_SUFFIX = "Connection";
    private static final int DEFAULT_PAGE_SIZE = 20;

    /** Measuring walks the whole document; clients send the same few operations over and over. */
    private static final int CACHED_SHAPES = 10_000;

    private final QueryLimitsConfiguration limits;
    private final Documents documents;
    private final Cache<Operation, Shape> shapes = LocalCaches.newBuilder().maximumSize(CACHED_SHAPES).build();

    public QueryLimitsInstrumentation(QueryLimitsConfiguration limits, Documents documents) {
        this.limits = limits;
        this.documents = documents;
    }

    @Override
    public InstrumentationContext<graphql.ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        ExecutionContext execution = parameters.getExecutionContext();
        Shape shape = shapes.get(new Operation(execution.getDocument(), execution.getOperationDefinition().getName(),
                execution.getCoercedVariables().toMap()), operation -> measure(execution));
        documents.recordCost(execution.getExecutionInput().getQuery(), shape.cost());
        if (execution.getGraphQLContext().get(RequestProfile.class) instanceof RequestProfile profile) {
            profile.cost(shape.cost());
        }
        check(shape.depth(), limits.getMaxDepth(), "deep", "levels of nesting");
        check(shape.aliases(), limits.getMaxAliases(), "wide", "aliases");
        check(shape.rootFields(), limits.getMaxRootFields(), "wide", "root fields");
        if (shape.cost() > limits.getMaxCost() && shape.badFirst() != null) {
            // The contract's answer to a page size out of range, before the cost it inflates.
            throw new AbortExecutionException(List.of(ApiErrors.error(GraphqlErrorBuilder.newError(),
                    PageRequest.outOfRange(shape.badFirst()))));
        }
        check(shape.cost(), limits.getMaxCost(), "costly",
                "cost units (a connection multiplies its selection by first)");
        return super.beginExecuteOperation(parameters, state);
    }

    /**
     * What a shape depends on: the parsed document (the same object for every request that
     * sends the same text, see {@link DocumentCache}), the operation, and the variables (page
     * sizes, {@code @skip}/{@code @include}).
     */
    private record Operation(Document document, String name, Map<String, Object> variables) {

        /** Written out: a record's generated equality goes through method handles, on every request. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Operation that && that.document == document && Objects.equals(that.name, name)
                    && that.variables.equals(variables);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * System.identityHashCode(document) + Objects.hashCode(name)) + variables.hashCode();
        }
    }

    /** {@code badFirst}: a page size the query asks for outside what a page may hold, if any. */
    private record Shape(int depth, int aliases, int rootFields, int cost, @Nullable Integer badFirst) {
    }

    private static Shape measure(ExecutionContext execution) {
        int[] depthAliasesRoots = new int[3];
        QueryTraverser.newQueryTraverser()
                .schema(execution.getGraphQLSchema())
                .document(execution.getDocument())
                .operationName(execution.getOperationDefinition().getName())
                .coercedVariables(execution.getCoercedVariables())
                .build()
                .visitPreOrder(new QueryVisitorStub() {
                    @Override
                    public void visitField(QueryVisitorFieldEnvironment field) {
                        depthAliasesRoots[0] = Math.max(depthAliasesRoots[0], depth(field));
                        if (field.getField().getAlias() != null) {
                            depthAliasesRoots[1]++;
                        }
                        if (field.getParentEnvironment() == null) {
                            depthAliasesRoots[2]++;
                        }
                    }
                });
        Integer[] badFirst = new Integer[1];
        int cost = QueryComplexityCalculator.newCalculator()
                .schema(execution.getGraphQLSchema())
                .document(execution.getDocument())
                .operationName(execution.getOperationDefinition().getName())
                .variables(execution.getCoercedVariables())
                .fieldComplexityCalculator((field, childCost) -> {
                    if (field.getArguments().get("first") instanceof Integer first && !PageRequest.fits(first)) {
                        badFirst[0] = first;
                    }
                    return cost(field, childCost);
                })
                .build()
                .calculate();
        return new Shape(depthAliasesRoots[0], depthAliasesRoots[1], depthAliasesRoots[2], cost, badFirst[0]);
    }

    /**
     * How deep {@code field} is; 0 inside introspection ({@code __schema}, {@code __type}), whose
     * depth is the schema's, not the client's: GraphiQL's own query is 13 levels deep, and
     * graphql-java's good-faith introspection check already bounds what such a query may ask.
     */
    private static int depth(QueryVisitorFieldEnvironment field) {
        int depth = 1;
        QueryVisitorFieldEnvironment root = field;
        for (QueryVisitorFieldEnvironment parent = field.getParentEnvironment(); parent != null;
             parent = parent.getParentEnvironment()) {
            depth++;
            root = parent;
        }
        return root.getField().getName().startsWith("__") ? 0 : depth;
    }

    private static int cost(FieldComplexityEnvironment field, int childCost) {
        String typeName = GraphQLTypeUtil.unwrapAll(field.getFieldDefinition().getType()).getName();
        if (!typeName.endsWith(CONNECTION_SUFFIX)) {
            return 1 + childCost;
        }
        Object first = field.getArguments().get("first");
        int pageSize = first instanceof Integer size ? Math.max(size, 0) : DEFAULT_PAGE_SIZE;
        long cost = 1 + (long) childCost * Math.max(pageSize, 1);
        return (int) Math.min(cost, Integer.MAX_VALUE);
    }

    private static void check(int actual, int maximum, String what, String unit) {
        if (actual > maximum) {
            throw new AbortExecutionException(List.of(ApiErrors.error(GraphqlErrorBuilder.newError(),
                    ErrorCode.QUERY_TOO_COMPLEX, "The query is too " + what + ": " + actual + " " + unit
                            + ", at most " + maximum + " allowed", null, null)));
        }
    }
}
