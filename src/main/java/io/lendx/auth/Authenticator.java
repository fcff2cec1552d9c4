package io.lendx.auth;

import io.lendx.error.UnauthenticatedException;
import io.lendx.graphql.RequestContextContributor;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/**
 * Reads {@code Authorization: Bearer <key>}. No header means an anonymous request, which may
 * still query; a header with a bad key refuses the request rather than silently dropping to
 * anonymous.
 */
@Singleton
public class Authenticator implements RequestContextContributor {

    private final ApiKeyService keys;
    private final List<AuthenticationFailures> failures;
    private final HttpClientAddressResolver addresses;

    public Authenticator(ApiKeyService keys, List<AuthenticationFailures> failures,
                         HttpClientAddressResolver addresses) {
        this.keys = keys;
        this.failures = failures;
        this.addresses = addresses;
    }

    @Override
    public Mono<Map<Object, Object>> contribute(HttpRequest<?> request) {
        if (request.getHeaders().get(HttpHeaders.AUTHORIZATION) == null) {
            return Mono.just(Map.of());
        }
        String key = BearerToken.of(request).orElse("");
        if (key.isEmpty()) {
            return failed(request, new UnauthenticatedException("Authorization must be 'Bearer <api key>'"));
        }
        return keys.authenticate(key)
                .<Map<Object, Object>>map(caller -> Map.of(Caller.class, caller))
                .onErrorResume(UnauthenticatedException.class, refused -> failed(request, refused));
    }

    private Mono<Map<Object, Object>> failed(HttpRequest<?> request, UnauthenticatedException refused) {
        String address = String.valueOf(addresses.resolve(request));
        return AuthenticationFailures.tell(failures, address).then(Mono.error(refused));
    }
}
