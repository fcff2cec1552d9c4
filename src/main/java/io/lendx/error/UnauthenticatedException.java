package io.lendx.error;

/** The request needs an API key and has none, or one that is unknown, expired or revoked. */
public class UnauthenticatedException extends ApiException {

    public UnauthenticatedException(String message) {
        super(ErrorCode.UNAUTHENTICATED, message);
    }
}
