package io.lendx.http;

import com.github.benmanes.caffeine.cache.Cache;
import io.lendx.error.ErrorCode;
import io.lendx.localcache.LocalCaches;
import io.lendx.validation.Sha256;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.Map;

/**
 * Automatic persisted queries, Apollo's protocol: a request may name its document by
 * {@code extensions.persistedQuery.sha256Hash} instead of sending it (a short GET a CDN can
 * cache). A hash the service does not know answers {@code PERSISTED_QUERY_NOT_FOUND}, and the
 * client sends the document once with its hash, which the service then keeps. In allow-list
 * mode ({@code LENDX_GRAPHQL_PERSISTED_ONLY=true}) only the operations that ship in the jar
 * ({@link ShippedOperations}) run, named by hash; no other document is kept or executed.
 */
@Singleton
public class PersistedQueries {

    /** What a request's document turned out to be. */
    public sealed interface Resolution permits Document, Refusal {
    }

    /** The document to execute; null when the request named none (refused later as "no query"). */
    public record Document(@Nullable Object query) implements Resolution {
    }

    /** Apollo's clients retry with the document on this message or on the code. */
    static final String NOT_FOUND_MESSAGE = "PersistedQueryNotFound";
    /** Bounded by the documents' total length, like the document cache. */
    private static final long MAX_KEPT_CHARACTERS = 5_000_000;

    private final boolean persistedOnly;
    private final Map<String, String> shipped;
    private final Cache<String, String> learned = LocalCaches.newBuilder()
            .maximumWeight(MAX_KEPT_CHARACTERS)
            .weigher((String hash, String query) -> query.length())
            .build();

    public PersistedQueries(@Value("${lendx.graphql.persisted-only:false}") boolean persistedOnly,
                            ShippedOperations operations) {
        this.persistedOnly = persistedOnly;
        this.shipped = persistedOnly ? operations.byHash() : Map.of();
    }

    /** The document of a request with the given {@code query} and {@code extensions} members. */
    public Resolution resolve(@Nullable Object query, @Nullable Object extensions) {
        Object persistedQuery = extensions instanceof Map<?, ?> map ? map.get("persistedQuery") : null;
        if (persistedQuery == null) {
            return persistedOnly ? notAllowed() : new Document(query);
        }
        if (!(persistedQuery instanceof Map<?, ?> persisted) || !Integer.valueOf(1).equals(persisted.get("version"))
                || !(persisted.get("sha256Hash") instanceof String hash)) {
            return new Refusal(HttpStatus.BAD_REQUEST, ErrorCode.BAD_USER_INPUT, null,
                    "extensions.persistedQuery must be {\"version\": 1, \"sha256Hash\": \"<hex>\"}");
        }
        String key = hash.toLowerCase(Locale.ROOT);
        if (query == null) {
            String known = persistedOnly ? shipped.get(key) : learned.getIfPresent(key);
            return known != null ? new Document(known)
                    : new Refusal(HttpStatus.OK, ErrorCode.PERSISTED_QUERY_NOT_FOUND, null, NOT_FOUND_MESSAGE);
        }
        if (!(query instanceof String text) || !Sha256.hex(text).equals(key)) {
            return new Refusal(HttpStatus.BAD_REQUEST, ErrorCode.BAD_USER_INPUT, null,
                    "extensions.persistedQuery.sha256Hash is not the SHA-256 of the query");
        }
        if (persistedOnly) {
            return shipped.containsKey(key) ? new Document(text) : notAllowed();
        }
        learned.put(key, text);
        return new Document(text);
    }

    private static Refusal notAllowed() {
        return new Refusal(HttpStatus.FORBIDDEN, ErrorCode.FORBIDDEN, "PERSISTED_QUERY_NOT_ALLOWED",
                "Only the service's persisted operations may run here: send extensions.persistedQuery"
                        + " with the SHA-256 of one of them");
    }
}
