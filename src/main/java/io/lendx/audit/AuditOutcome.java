package io.lendx.audit;

public enum AuditOutcome {
    SUCCESS,
    FAILURE,
    /** A retry with an idempotency key already used: answered with the first outcome, changed nothing. */
    REPLAY
}
