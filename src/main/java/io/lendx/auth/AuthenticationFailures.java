package io.lendx.auth;

/** Told of every failed authentication, e.g. to lock out an address that keeps guessing. */
public interface AuthenticationFailures {

    void failed(String clientAddress);
}
