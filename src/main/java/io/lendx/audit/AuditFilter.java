package io.lendx.audit;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/** Conditions of the {@code auditEvents} connection; null means "any". */
public record AuditFilter(@Nullable String actor, @Nullable String action, @Nullable Instant occurredAfter,
                          @Nullable Instant occurredBefore) {
}
