package io.lendx.idempotency;

import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** The first request made with an idempotency key, and what it produced. */
@MappedEntity("idempotency_keys")
public record IdempotencyRecord(@EmbeddedId IdempotencyRecordId id, String operation, String requestHash,
                                String result, Instant createdAt) {
}
