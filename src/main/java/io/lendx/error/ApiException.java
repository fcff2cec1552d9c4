package io.lendx.error;

import io.micronaut.core.annotation.Nullable;

/**
 * A failure the client caused or must know about. Its message is shown to the client as it
 * is, so it must never carry SQL, class names or other internals.
 */
public abstract class ApiException extends RuntimeException {

    private final ErrorCode code;

    protected ApiException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /** {@code extensions.reason}: which way the request failed, when the code alone does not say. */
    @Nullable
    public String reason() {
        return null;
    }
}
