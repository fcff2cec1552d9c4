package io.lendx.auth;

import io.lendx.error.UnauthenticatedException;

/** A sign-in whose proof of the wallet failed; {@code reason} says how (extensions.reason). */
public class WalletProofException extends UnauthenticatedException {

    public enum Reason { INVALID_SIGNATURE, KEY_NOT_FOR_ADDRESS, CHALLENGE_EXPIRED, CHALLENGE_USED, CHALLENGE_UNKNOWN,
        CHALLENGE_FOREIGN }

    private final Reason reason;

    public WalletProofException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    @Override
    public String reason() {
        return reason.name();
    }
}
