package io.lendx.error;

import java.util.Map;

/** The request clashes with the current state; {@code reason} tells the client which way. */
public class ConflictException extends ApiException {

    public enum Reason { INSUFFICIENT_POOL_BALANCE, INVALID_STATE_TRANSITION, DUPLICATE, IDEMPOTENCY_KEY_REUSED }

    private final Reason reason;

    public ConflictException(Reason reason, String message) {
        super(ErrorCode.CONFLICT, message);
        this.reason = reason;
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("reason", reason.name());
    }
}
