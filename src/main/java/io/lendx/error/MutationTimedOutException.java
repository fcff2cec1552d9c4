package io.lendx.error;


/**
 * A mutation ran out of its request's time and was cancelled, which rolls its transaction back.
 * Only a commit already on its way to the database can still land; the idempotency key tells
 * the client which happened.
 */
public class MutationTimedOutException extends ApiException {

    public MutationTimedOutException(long timeoutMillis) {
        super(ErrorCode.INTERNAL_SERVER_ERROR, "The mutation did not finish within " + timeoutMillis
                + " ms and was cancelled; its changes were rolled back unless they were already being committed."
                + " Retry with the same idempotencyKey to learn which: a committed mutation answers with its"
                + " first result, one that was rolled back runs again.");
    }

    @Override
    public String reason() {
        return OutageReason.TIMEOUT.name();
    }
}
