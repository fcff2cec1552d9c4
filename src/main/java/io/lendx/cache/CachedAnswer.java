package io.lendx.cache;

import io.micrometer.core.instrument.Timer;

import java.time.Instant;

/**
 * A stored answer: the response body's bytes and its ETag, which tables it read and the
 * {@link TableVersions} sequence number from before it was computed, when it was stored and
 * until when it may be used; {@code served} is the request timer of its operation, which its hits
 * record like the executions they stand for (looked up once, not on every hit).
 */
record CachedAnswer(byte[] body, String etag, CachePolicy policy, long computedAfter, Instant storedAt,
                    Instant expiresAt, Timer served) {
}
