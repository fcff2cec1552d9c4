package io.lendx.config;

/** An environment variable with a value the service cannot run with; the message names it. */
public class InvalidSettingException extends IllegalArgumentException {

    public InvalidSettingException(String variable, String expectation, String value) {
        super(variable + " must be " + expectation + ", but is '" + value + "'");
    }

    public InvalidSettingException(String message) {
        super(message);
    }
}
