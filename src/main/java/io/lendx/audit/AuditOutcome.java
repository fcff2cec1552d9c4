package io.lendx.audit;

public enum AuditOutcome {
    SUCCESS,
    FAILURE
}
