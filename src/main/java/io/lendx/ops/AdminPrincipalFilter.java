package io.lendx.ops;

import io.lendx.auth.ApiKeyService;
import io.lendx.auth.BearerToken;
import io.lendx.http.RequestPaths;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import reactor.core.publisher.Mono;

import java.security.Principal;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Lets an ADMIN key see health details: the health endpoint shows them to requests with a
 * principal ({@code endpoints.health.details-visible: AUTHENTICATED}), and only ADMIN keys get
 * one. Any other or bad key is simply anonymous here: health must answer regardless. It matches
 * every path and picks the health paths itself ({@link RequestPaths}).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class AdminPrincipalFilter {

    private static final String HEALTH = "/health";

    private final ApiKeyService keys;

    public AdminPrincipalFilter(ApiKeyService keys) {
        this.keys = keys;
    }

    /**
     * Always proceeds with the request, once its key, if any, is looked up. (It answers the request
     * rather than nothing: Micronaut 4.8 fails on a request filter's future that completes empty later.)
     */
    @RequestFilter
    public CompletableFuture<HttpRequest<?>> admit(HttpRequest<?> request) {
        Optional<String> key = RequestPaths.isUnder(request.getPath(), HEALTH) ? BearerToken.of(request) : Optional.empty();
        if (key.isEmpty()) {
            return CompletableFuture.completedFuture(request);
        }
        return keys.authenticate(key.get())
                .filter(caller -> caller.isAdmin())
                .doOnNext(admin -> request.setAttribute(HttpAttributes.PRINCIPAL, (Principal) admin::identity))
                .onErrorResume(failure -> Mono.empty())
                .then(Mono.<HttpRequest<?>>just(request))
                .toFuture();
    }
}
