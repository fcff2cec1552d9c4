package io.lendx.ratelimit;

import io.lendx.graphql.ApiErrors;
import io.lendx.auth.BearerToken;
import io.lendx.error.ErrorCode;
import io.lendx.http.RequestIdFilter;
import io.lendx.http.RequestPaths;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterContinuation;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Answers 429 with {@code Retry-After} (and a RATE_LIMITED GraphQL error) before a request
 * reaches GraphQL when its key or address is over budget or locked out.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RateLimitFilter {

    private final RateLimiter limiter;
    private final HttpClientAddressResolver addresses;
    private final String graphqlPath;

    public RateLimitFilter(RateLimiter limiter, HttpClientAddressResolver addresses,
                           @Value("${graphql.path:/graphql}") String graphqlPath) {
        this.limiter = limiter;
        this.addresses = addresses;
        this.graphqlPath = graphqlPath;
    }

    /** Asynchronous (Redis), so through the continuation: Micronaut 4.8 fails on an empty async result. */
    @RequestFilter
    public Publisher<MutableHttpResponse<?>> limit(HttpRequest<?> request,
                                                  FilterContinuation<Publisher<MutableHttpResponse<?>>> next) {
        if (!RequestPaths.isUnder(request.getPath(), graphqlPath)) {
            return next.proceed();
        }
        String address = String.valueOf(addresses.resolve(request));
        CompletableFuture<Optional<Duration>> admission =
                limiter.admit(address, BearerToken.of(request).map(BearerToken::hash));
        if (admission.isDone() && !admission.isCompletedExceptionally()) {
            // In memory the answer is already there: no reactive chain around every request.
            return answer(admission.join(), request, next);
        }
        return Mono.fromFuture(admission).flatMap(wait -> Mono.from(answer(wait, request, next)));
    }

    private static Publisher<MutableHttpResponse<?>> answer(Optional<Duration> wait, HttpRequest<?> request,
                                                           FilterContinuation<Publisher<MutableHttpResponse<?>>> next) {
        return wait.isPresent() ? Mono.just(tooManyRequests(wait.get(), RequestIdFilter.of(request)))
                : next.proceed();
    }

    private static MutableHttpResponse<?> tooManyRequests(Duration wait, String requestId) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(ApiErrors.body(ErrorCode.RATE_LIMITED, "Too many requests: retry in " + seconds + " seconds",
                        requestId, null, Map.of("retryAfterSeconds", seconds)));
    }
}
