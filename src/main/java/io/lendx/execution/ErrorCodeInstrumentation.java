package io.lendx.execution;

import io.lendx.graphql.ApiErrors;
import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.introspection.GoodFaithIntrospection;
import graphql.introspection.IntrospectionDisabledError;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import io.lendx.error.ErrorCode;
import io.micronaut.core.annotation.Order;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Gives the errors graphql-java raises itself (syntax, validation, variable coercion) an
 * {@code extensions.code} too, so every error a client sees carries one.
 */
@Singleton
@Order(ErrorCodeInstrumentation.FIRST)
public class ErrorCodeInstrumentation extends SimplePerformantInstrumentation {

    /** Runs before the other instrumentations, so they all see the codes. */
    static final int FIRST = -100;

    private static final Pattern SIMPLE_LITERAL = Pattern.compile("\\w+Value\\{(?:value|name)='([^']*)'}");
    private static final Pattern AST_TYPE_NAME = Pattern.compile("'(\\w+?)Value'");
    private static final Set<ErrorClassification> CLIENT_ERRORS =
            Set.of(ErrorType.InvalidSyntax, ErrorType.ValidationError, ErrorType.OperationNotSupported);

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                                                                       InstrumentationExecutionParameters parameters,
                                                                       InstrumentationState state) {
        if (result.getErrors().stream().allMatch(ErrorCodeInstrumentation::hasCode)) {
            return CompletableFuture.completedFuture(result);
        }
        List<GraphQLError> errors = result.getErrors().stream().map(ErrorCodeInstrumentation::withCode).toList();
        return CompletableFuture.completedFuture(result.transform(builder -> builder.errors(errors)));
    }

    /**
     * graphql-java quotes literals as syntax-tree dumps ({@code StringValue{value='x'}}); a client
     * should read its own value, not the parser's class names.
     */
    static String withoutSyntaxTree(String message) {
        String readable = SIMPLE_LITERAL.matcher(message).replaceAll("$1");
        readable = AST_TYPE_NAME.matcher(readable).replaceAll("'$1'").replace("an AST type of", "a value of type");
        if (readable.contains("Value{")) {
            int detail = readable.indexOf(" : ");
            return (detail < 0 ? "Validation error" : readable.substring(0, detail)) + " : an argument has an invalid value";
        }
        return readable;
    }

    private static boolean hasCode(GraphQLError error) {
        return ApiErrors.code(error) != null;
    }

    private static GraphQLError withCode(GraphQLError error) {
        if (hasCode(error)) {
            return error;
        }
        if (error instanceof GoodFaithIntrospection.BadFaithIntrospectionError) {
            // graphql-java's own limit on introspection (repeated or nested type fields): the
            // same refusal as our query limits, in our words.
            return ApiErrors.error(GraphqlErrorBuilder.newError().locations(error.getLocations()),
                    ErrorCode.QUERY_TOO_COMPLEX, "The introspection query is too deep or too wide: ask for each"
                            + " type's fields once, as GraphiQL does", null, null);
        }
        ErrorCode code = error instanceof IntrospectionDisabledError ? ErrorCode.FORBIDDEN
                : CLIENT_ERRORS.contains(error.getErrorType()) ? ErrorCode.BAD_USER_INPUT
                : ErrorCode.INTERNAL_SERVER_ERROR;
        Map<String, Object> extensions = ApiErrors.withCode(error.getExtensions(), code);
        return GraphqlErrorBuilder.newError()
                .message(withoutSyntaxTree(error.getMessage()))
                .locations(error.getLocations())
                .path(error.getPath())
                .errorType(error.getErrorType())
                .extensions(extensions)
                .build();
    }
}
