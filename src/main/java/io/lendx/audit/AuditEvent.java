package io.lendx.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.Instant;

/** One mutation attempt. Rows are only ever inserted; the database refuses changes. */
@MappedEntity("audit_events")
public record AuditEvent(
        @Id @MappedProperty("event_id") String id,
        Instant occurredAt,
        @Nullable String actor,
        String action,
        @Nullable String target,
        AuditOutcome outcome,
        @Nullable String errorCode,
        @Nullable String requestId,
        @Nullable String clientAddress) {
}
