package io.lendx.cache;

/**
 * How an answer may be reused: for at most {@code maxAgeSeconds}, by every caller or only by
 * the one that asked, and until a table of {@code tables} (a {@link GraphTables} mask) changes.
 */
public record CachePolicy(int maxAgeSeconds, boolean isPrivate, long tables) {

    CachePolicy privately() {
        return isPrivate ? this : new CachePolicy(maxAgeSeconds, true, tables);
    }
}
