package io.lendx.auth;

import io.lendx.error.UnauthenticatedException;
import io.lendx.graphql.RequestContextContributor;
import io.micronaut.http.HttpHeaders;
import io.lendx.ratelimit.RateLimiter;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * Reads {@code Authorization: Bearer <key>}. No header means an anonymous request, which may
 * still query; a header with a bad key refuses the request rather than silently dropping to
 * anonymous.
 */
@Singleton
public class Authenticator implements RequestContextContributor {

    private static final String BEARER = "bearer ";

    private final ApiKeyService keys;
    private final RateLimiter limiter;
    private final HttpClientAddressResolver addresses;

    public Authenticator(ApiKeyService keys, RateLimiter limiter, HttpClientAddressResolver addresses) {
        this.keys = keys;
        this.limiter = limiter;
        this.addresses = addresses;
    }

    @Override
    public Mono<Map<Object, Object>> contribute(HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return Mono.just(Map.of());
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || authorization.substring(BEARER.length()).isBlank()) {
            return failed(request, new UnauthenticatedException("Authorization must be 'Bearer <api key>'"));
        }
        return keys.authenticate(authorization.substring(BEARER.length()).trim())
                .<Map<Object, Object>>map(caller -> Map.of(Caller.class, caller))
                .onErrorResume(UnauthenticatedException.class, refused -> failed(request, refused));
    }

    /** Repeated failures from one address lock it out (see {@link RateLimiter}). */
    private Mono<Map<Object, Object>> failed(HttpRequest<?> request, UnauthenticatedException refused) {
        limiter.recordFailedAuthentication(String.valueOf(addresses.resolve(request)));
        return Mono.error(refused);
    }
}
