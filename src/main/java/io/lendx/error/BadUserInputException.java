package io.lendx.error;

/** The request is malformed or a value is out of range; nothing was changed. */
public class BadUserInputException extends ApiException {

    public BadUserInputException(String message) {
        super(ErrorCode.BAD_USER_INPUT, message);
    }
}
