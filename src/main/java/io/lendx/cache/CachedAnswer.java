package io.lendx.cache;

import java.time.Instant;

/**
 * A stored answer: the response body's bytes and its ETag, which tables it read and the
 * {@link TableVersions} sequence number from before it was computed, when it was stored and
 * until when it may be used.
 */
record CachedAnswer(byte[] body, String etag, CachePolicy policy, long computedAfter, Instant storedAt,
                    Instant expiresAt) {
}
