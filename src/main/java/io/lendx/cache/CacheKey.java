package io.lendx.cache;

import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/**
 * What an answer is stored under: the document, operation and variables, and for a PRIVATE
 * answer its caller ({@code principal}: a digest of the API key, or "" when anonymous; null for
 * PUBLIC answers, which every caller shares).
 */
record CacheKey(String query, @Nullable String operationName, Map<String, Object> variables,
                @Nullable String principal) {

    CacheKey as(@Nullable String otherPrincipal) {
        return new CacheKey(query, operationName, variables, otherPrincipal);
    }

    /** Roughly the heap a key holds, for the store's byte bound. */
    int weight() {
        return 2 * query.length() + 64 * variables.size() + 128;
    }
}
