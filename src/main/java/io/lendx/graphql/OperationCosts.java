package io.lendx.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Singleton;

/**
 * The cost (as the query limits count it) each document had the last time it ran, by its text:
 * what {@link ExecutionGate} knows of a request before parsing it.
 */
@Singleton
public class OperationCosts {

    private static final int REMEMBERED_DOCUMENTS = 10_000;

    private final Cache<String, Integer> costs = Caffeine.newBuilder().maximumSize(REMEMBERED_DOCUMENTS).build();

    void record(String document, int cost) {
        costs.put(document, cost);
    }

    /** The last known cost of the document, or -1 if it has not run yet. */
    int lastCost(String document) {
        Integer cost = costs.getIfPresent(document);
        return cost == null ? -1 : cost;
    }
}
