package io.lendx.http;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Cache headers for queries sent with GET (a persisted query's URL is short and stable, so a
 * browser or CDN can keep its answer). Answers may differ per API key ({@code viewer}), so a
 * request with an {@code Authorization} header is cached privately. With the default max age of
 * 0 a cache must revalidate every time: a frontend refetching after its own mutation never sees
 * a stale page. Errors are never stored.
 */
@Singleton
public class GetCaching {

    private final long maxAgeSeconds;

    public GetCaching(@Value("${lendx.graphql.get-max-age:0s}") Duration maxAge) {
        this.maxAgeSeconds = maxAge.toSeconds();
    }

    <B> MutableHttpResponse<B> mark(HttpRequest<?> request, MutableHttpResponse<B> response) {
        response.header(HttpHeaders.VARY, HttpHeaders.ACCEPT + ", " + HttpHeaders.AUTHORIZATION);
        if (response.getHeaders().contains(HttpHeaders.CACHE_CONTROL)) {
            // An error answer, marked no-store where it was made.
            return response;
        }
        if (maxAgeSeconds == 0) {
            return response.header(HttpHeaders.CACHE_CONTROL, "no-cache");
        }
        String scope = request.getHeaders().contains(HttpHeaders.AUTHORIZATION) ? "private" : "public";
        return response.header(HttpHeaders.CACHE_CONTROL, scope + ", max-age=" + maxAgeSeconds);
    }
}
