package io.lendx.ratelimit;

import io.lendx.graphql.ApiErrors;
import io.lendx.auth.BearerToken;
import io.lendx.error.ErrorCode;
import io.lendx.http.RequestIdFilter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.util.HttpClientAddressResolver;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Answers 429 with {@code Retry-After} (and a RATE_LIMITED GraphQL error) before a request
 * reaches GraphQL when its key or address is over budget or locked out.
 */
@ServerFilter("${graphql.path:/graphql}/**")
public class RateLimitFilter {

    private final RateLimiter limiter;
    private final HttpClientAddressResolver addresses;

    public RateLimitFilter(RateLimiter limiter, HttpClientAddressResolver addresses) {
        this.limiter = limiter;
        this.addresses = addresses;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> limit(HttpRequest<?> request) {
        String address = String.valueOf(addresses.resolve(request));
        Optional<Duration> wait = limiter.lockout(address);
        if (wait.isEmpty()) {
            Optional<String> key = BearerToken.of(request);
            wait = key.isEmpty() ? limiter.acquire("address:" + address, false)
                    : limiter.acquire("key:" + BearerToken.hash(key.get()), true);
        }
        return wait.map(time -> tooManyRequests(time, RequestIdFilter.of(request))).orElse(null);
    }

    private static HttpResponse<?> tooManyRequests(Duration wait, String requestId) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(ApiErrors.body(ErrorCode.RATE_LIMITED, "Too many requests: retry in " + seconds + " seconds",
                        requestId, null, Map.of("retryAfterSeconds", seconds)));
    }
}
