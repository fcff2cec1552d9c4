package io.lendx.error;


/** The request clashes with the current state; {@code reason} tells the client which way. */
public class ConflictException extends ApiException {

    public enum Reason { INSUFFICIENT_POOL_BALANCE, INVALID_STATE_TRANSITION, DUPLICATE, IDEMPOTENCY_KEY_REUSED,
        ACTIVE_OBLIGATIONS }

    private final Reason reason;

    public ConflictException(Reason reason, String message) {
        super(ErrorCode.CONFLICT, message);
        this.reason = reason;
    }

    @Override
    public String reason() {
        return reason.name();
    }
}
