package io.lendx.auth;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;

import java.util.Optional;

/** The API key of {@code Authorization: Bearer <key>}, and the hash it is known by. */
public final class BearerToken {

    private static final String BEARER = "bearer ";

    private BearerToken() {
    }

    /** The key, if the header uses the Bearer scheme (empty when it is missing or another scheme). */
    public static Optional<String> of(HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(BEARER.length()).trim());
    }

    /** The key's SHA-256, so nothing holds a plaintext key longer than its request. */
    public static String hash(String key) {
        return ApiKeySecrets.hash(key);
    }
}
