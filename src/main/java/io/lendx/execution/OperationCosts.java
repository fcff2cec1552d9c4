package io.lendx.execution;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Singleton;

/**
 * The cost (as the query limits count it) each document had the last time it ran, by its text:
 * what {@link ExecutionGate} knows of a request before parsing it.
 */
@Singleton
public class OperationCosts {

    /** Bounded by the documents' total length, like {@link DocumentCache}: a key is a whole document. */
    private static final long MAX_REMEMBERED_CHARACTERS = 10_000_000;

    private final Cache<String, Integer> costs = Caffeine.newBuilder()
            .maximumWeight(MAX_REMEMBERED_CHARACTERS)
            .weigher((String document, Integer cost) -> document.length())
            .build();

    /** Called on every request: a read, and a write only when the cost changed. */
    void record(String document, int cost) {
        Integer known = costs.getIfPresent(document);
        if (known == null || known != cost) {
            costs.put(document, cost);
        }
    }

    /** The last known cost of the document, or -1 if it has not run yet. */
    int lastCost(String document) {
        Integer cost = costs.getIfPresent(document);
        return cost == null ? -1 : cost;
    }
}
