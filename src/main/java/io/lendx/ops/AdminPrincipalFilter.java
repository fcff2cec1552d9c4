package io.lendx.ops;

import io.lendx.auth.ApiKeyService;
import io.lendx.auth.BearerToken;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.security.Principal;
import java.util.Optional;

/**
 * Lets an ADMIN key see health details: the health endpoint shows them to requests with a
 * principal ({@code endpoints.health.details-visible: AUTHENTICATED}), and only ADMIN keys get
 * one. Any other or bad key is simply anonymous here: health must answer regardless.
 */
@Filter("/health/**")
public class AdminPrincipalFilter implements HttpServerFilter {

    private final ApiKeyService keys;

    public AdminPrincipalFilter(ApiKeyService keys) {
        this.keys = keys;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        Optional<String> key = BearerToken.of(request);
        if (key.isEmpty()) {
            return chain.proceed(request);
        }
        return keys.authenticate(key.get())
                .filter(caller -> caller.isAdmin())
                .doOnNext(admin -> request.setAttribute(HttpAttributes.PRINCIPAL, (Principal) admin::identity))
                .onErrorResume(failure -> Mono.empty())
                .then(Mono.defer(() -> Mono.from(chain.proceed(request))));
    }
}
