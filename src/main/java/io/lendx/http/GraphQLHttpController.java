package io.lendx.http;

import io.lendx.cache.Answer;
import io.lendx.cache.ResponseCache;
import io.lendx.execution.RequestGraphQLInvocation;
import io.lendx.graphql.Documents;
import io.lendx.graphql.ApiErrors;
import graphql.ExecutionResult;
import io.lendx.error.ErrorCode;
import io.micronaut.configuration.graphql.GraphQLController;
import io.micronaut.configuration.graphql.GraphQLInvocationData;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.io.IOException;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * GraphQL over HTTP (graphql.github.io/graphql-over-http): POST with a JSON body, GET for
 * queries only, answers in {@code application/graphql-response+json} or {@code application/json}
 * as the client accepts. With the former, a request that never reached execution (malformed,
 * unparsable, invalid) is a 400; with the latter, as the spec asks of legacy clients, a 200.
 */
@Controller("${graphql.path:/graphql}")
@Replaces(GraphQLController.class)
public class GraphQLHttpController {

    static final String GRAPHQL_RESPONSE_JSON = "application/graphql-response+json";
    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);
    private static final byte[] NO_BYTES = new byte[0];

    private final RequestGraphQLInvocation invocation;
    private final ResponseCache cache;
    private final JsonMapper json;
    private final JsonBody body;
    private final Documents documents;
    private final PersistedQueries persisted;
    private final CacheHeaders caching;

    public GraphQLHttpController(RequestGraphQLInvocation invocation, ResponseCache cache, JsonMapper json,
                                 JsonBody body, Documents documents, PersistedQueries persisted,
                                 CacheHeaders caching) {
        this.invocation = invocation;
        this.cache = cache;
        this.json = json;
        this.body = body;
        this.documents = documents;
        this.persisted = persisted;
        this.caching = caching;
    }

    @Post(consumes = MediaType.ALL, produces = {GRAPHQL_RESPONSE_JSON, MediaType.APPLICATION_JSON})
    public CompletableFuture<MutableHttpResponse<ByteBuf>> post(@Body @Nullable byte[] requestBody,
                                                               HttpRequest<?> request) {
        String answerAs = answerType(request);
        if (answerAs == null) {
            return answered(error(request, HttpStatus.NOT_ACCEPTABLE, MediaType.APPLICATION_JSON,
                    "Accept application/graphql-response+json or application/json"));
        }
        MediaType contentType = request.getContentType().orElse(null);
        if (contentType == null || !MediaType.APPLICATION_JSON.equals(contentType.getName())) {
            return answered(error(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, answerAs,
                    "Send the request as Content-Type: application/json"));
        }
        Map<String, Object> parameters;
        try {
            // The bytes as they came: a String body was decoded from UTF-8 only to be encoded again.
            parameters = json.readValue(requestBody == null ? NO_BYTES : requestBody, JSON_OBJECT);
        } catch (IOException | RuntimeException e) {
            return answered(error(request, HttpStatus.BAD_REQUEST, answerAs, "The request body is not a JSON object"));
        }
        if (parameters == null) {
            return answered(error(request, HttpStatus.BAD_REQUEST, answerAs, "The request body is not a JSON object"));
        }
        PersistedQueries.Resolution document = persisted.resolve(parameters.get("query"), parameters.get("extensions"));
        if (document instanceof Refusal refused) {
            return answered(error(request, answerAs, refused));
        }
        return execute(((PersistedQueries.Document) document).query(), parameters.get("operationName"),
                parameters.get("variables"), request, answerAs);
    }

    /** Queries only; answers carry cache headers ({@link CacheHeaders}), so persisted queries can be cached. */
    @Get(produces = {GRAPHQL_RESPONSE_JSON, MediaType.APPLICATION_JSON})
    public CompletableFuture<MutableHttpResponse<ByteBuf>> get(@QueryValue @Nullable String query,
                                                               @QueryValue @Nullable String operationName,
                                                               @QueryValue @Nullable String variables,
                                                               @QueryValue @Nullable String extensions,
                                                               HttpRequest<?> request) {
        String answerAs = answerType(request);
        if (answerAs == null) {
            return answered(error(request, HttpStatus.NOT_ACCEPTABLE, MediaType.APPLICATION_JSON,
                    "Accept application/graphql-response+json or application/json"));
        }
        Object parsedVariables;
        Object parsedExtensions;
        try {
            parsedVariables = variables == null ? null : json.readValue(variables, Object.class);
            parsedExtensions = extensions == null ? null : json.readValue(extensions, Object.class);
        } catch (IOException | RuntimeException e) {
            return answered(error(request, HttpStatus.BAD_REQUEST, answerAs,
                    "variables and extensions must be JSON objects"));
        }
        PersistedQueries.Resolution document = persisted.resolve(query, parsedExtensions);
        if (document instanceof Refusal refused) {
            return answered(error(request, answerAs, refused));
        }
        Object resolved = ((PersistedQueries.Document) document).query();
        if (resolved instanceof String text && documents.isMutation(text, operationName)) {
            return answered(error(request, HttpStatus.METHOD_NOT_ALLOWED, answerAs, "Mutations must be sent with POST")
                    .header(HttpHeaders.ALLOW, HttpMethod.POST.name()));
        }
        return execute(resolved, operationName, parsedVariables, request, answerAs);
    }

    @SuppressWarnings("unchecked")
    private CompletableFuture<MutableHttpResponse<ByteBuf>> execute(@Nullable Object query,
                                                                   @Nullable Object operationName,
                                                                   @Nullable Object variables, HttpRequest<?> request,
                                                                   String answerAs) {
        if (!(query instanceof String document) || document.isBlank()) {
            return answered(error(request, HttpStatus.BAD_REQUEST, answerAs, "The request has no query"));
        }
        if (operationName != null && !(operationName instanceof String)) {
            return answered(error(request, HttpStatus.BAD_REQUEST, answerAs, "operationName must be a string"));
        }
        if (variables != null && !(variables instanceof Map)) {
            return answered(error(request, HttpStatus.BAD_REQUEST, answerAs, "variables must be a JSON object"));
        }
        Map<String, Object> given = variables == null ? Map.of() : (Map<String, Object>) variables;
        GraphQLInvocationData data = new GraphQLInvocationData(document, (String) operationName, given);
        ResponseCache.Query cacheQuery = new ResponseCache.Query(document, (String) operationName, given,
                request.getHeaders().get(HttpHeaders.AUTHORIZATION), asksForFreshAnswer(request));
        return invocation.invoke(data, request,
                        (context, mutation, executeIt) -> cache.answer(cacheQuery, context, mutation, executeIt,
                                result -> body.bytes(result.toSpecification())),
                        result -> Answer.executed(Answer.Outcome.BYPASS, result))
                .map(answer -> respond(request, answerAs, answer))
                .toFuture();
    }

    /** Dated here ({@link HttpDate}): Micronaut formats a date for a response that has none. */
    private MutableHttpResponse<ByteBuf> respond(HttpRequest<?> request, String answerAs, Answer answer) {
        return undated(request, answerAs, answer).header(HttpHeaders.DATE, HttpDate.now());
    }

    private MutableHttpResponse<ByteBuf> undated(HttpRequest<?> request, String answerAs, Answer answer) {
        if (answer.body() != null) {
            if (CacheHeaders.notModified(request, answer)) {
                return caching.mark(request, HttpResponse.<ByteBuf>status(HttpStatus.NOT_MODIFIED), answer, true);
            }
            return caching.mark(request, HttpResponse.<ByteBuf>ok().contentType(answerAs)
                    .body(Unpooled.wrappedBuffer(answer.body())), answer, true);
        }
        ExecutionResult result = answer.result();
        HttpStatus status = status(result, answerAs);
        MutableHttpResponse<ByteBuf> response = caching.mark(request, HttpResponse.<ByteBuf>status(status)
                .contentType(answerAs)
                .body(body.write(ApiErrors.withRequestId(result.toSpecification(), RequestIdFilter.of(request)))),
                answer, result.getErrors().isEmpty());
        return status == HttpStatus.UNAUTHORIZED ? response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer") : response;
    }

    /** {@code Cache-Control: no-cache} from the client: answer from a fresh execution. */
    private static boolean asksForFreshAnswer(HttpRequest<?> request) {
        String cacheControl = request.getHeaders().get(HttpHeaders.CACHE_CONTROL);
        return cacheControl != null && cacheControl.toLowerCase(Locale.ROOT).contains("no-cache");
    }

    /**
     * Under graphql-response+json, a result without data means the request never produced any,
     * and its first error says why ({@link ApiErrors#statusOf}). Under application/json the spec
     * asks for 200 regardless.
     */
    private static HttpStatus status(ExecutionResult result, String answerAs) {
        if (!GRAPHQL_RESPONSE_JSON.equals(answerAs) || result.isDataPresent() || result.getErrors().isEmpty()) {
            return HttpStatus.OK;
        }
        return ApiErrors.statusOf(result.getErrors().get(0));
    }

    /** The media type to answer in, or null when the client accepts neither JSON type. */
    @Nullable
    private static String answerType(HttpRequest<?> request) {
        Collection<MediaType> accepted = request.accept();
        if (accepted.isEmpty()) {
            return MediaType.APPLICATION_JSON;
        }
        for (MediaType type : accepted) {
            if (GRAPHQL_RESPONSE_JSON.equals(type.getName())) {
                return GRAPHQL_RESPONSE_JSON;
            }
            // GraphQL over HTTP: a client that takes anything (fetch's default */*) gets what every
            // client understands, application/json, as one that sends no Accept at all does.
            if (MediaType.APPLICATION_JSON.equals(type.getName()) || "*/*".equals(type.getName())) {
                return MediaType.APPLICATION_JSON;
            }
        }
        return null;
    }

    private MutableHttpResponse<ByteBuf> error(HttpRequest<?> request, HttpStatus status, String answerAs,
                                              String message) {
        return error(request, answerAs, new Refusal(status, ErrorCode.BAD_USER_INPUT, null, message));
    }

    private MutableHttpResponse<ByteBuf> error(HttpRequest<?> request, String answerAs,
                                              Refusal refused) {
        Map<String, Object> errors = ApiErrors.body(refused.code(), refused.message(), RequestIdFilter.of(request),
                refused.reason());
        return HttpResponse.<ByteBuf>status(refused.status()).contentType(answerAs).body(body.write(errors))
                .header(HttpHeaders.CACHE_CONTROL, CacheHeaders.NO_STORE);
    }

    private static CompletableFuture<MutableHttpResponse<ByteBuf>> answered(MutableHttpResponse<ByteBuf> response) {
        return CompletableFuture.completedFuture(response);
    }
}
