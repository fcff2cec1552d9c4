package io.lendx.http;

import io.lendx.cache.Answer;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * The HTTP cache headers of an answer. {@code Cache-Control} follows the answer's policy (its
 * scope and smallest {@code @cacheControl} max age, Apollo's rules) under the ceiling
 * {@code LENDX_GRAPHQL_GET_MAX_AGE}: no HTTP cache hears of the service's invalidations, so by
 * default (0) they must revalidate every time, which the {@code ETag} makes cheap ({@code 304} on
 * GET). Answers that may not be reused, errors among them, are {@code no-store}. {@code X-Cache}
 * and {@code Age} say what the service's own cache did.
 */
@Singleton
public class CacheHeaders {

    /** An answer with errors is never kept by a cache: the next try may well succeed. */
    static final String NO_STORE = "no-store";
    public static final String X_CACHE = "X-Cache";

    private final long maxAgeSeconds;

    public CacheHeaders(@Value("${lendx.graphql.get-max-age:0s}") Duration maxAge) {
        this.maxAgeSeconds = maxAge.toSeconds();
    }

    <B> MutableHttpResponse<B> mark(HttpRequest<?> request, MutableHttpResponse<B> response, Answer answer,
                                   boolean cacheable) {
        response.header(X_CACHE, answer.outcome().name());
        if (request.getMethod() == HttpMethod.GET) {
            response.header(HttpHeaders.VARY, HttpHeaders.ACCEPT + ", " + HttpHeaders.AUTHORIZATION);
        }
        if (!cacheable || answer.maxAgeSeconds() == null) {
            return response.header(HttpHeaders.CACHE_CONTROL, NO_STORE);
        }
        if (answer.etag() != null) {
            response.header(HttpHeaders.ETAG, answer.etag());
        }
        if (answer.outcome() == Answer.Outcome.HIT) {
            response.header(HttpHeaders.AGE, String.valueOf(answer.ageSeconds()));
        }
        long maxAge = Math.min(maxAgeSeconds, answer.maxAgeSeconds());
        String scope = answer.isPrivate() ? "private, " : "";
        if (maxAge <= 0) {
            return response.header(HttpHeaders.CACHE_CONTROL, scope + "no-cache");
        }
        return response.header(HttpHeaders.CACHE_CONTROL, (answer.isPrivate() ? "private" : "public")
                + ", max-age=" + maxAge);
    }

    /** Whether a GET's {@code If-None-Match} names this answer's ETag. */
    static boolean notModified(HttpRequest<?> request, Answer answer) {
        String tags = request.getHeaders().get(HttpHeaders.IF_NONE_MATCH);
        if (request.getMethod() != HttpMethod.GET || tags == null || answer.etag() == null) {
            return false;
        }
        for (String tag : tags.split(",")) {
            String trimmed = tag.trim();
            if (trimmed.equals("*") || trimmed.equals(answer.etag()) || trimmed.equals("W/" + answer.etag())) {
                return true;
            }
        }
        return false;
    }
}
