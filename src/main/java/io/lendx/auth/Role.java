package io.lendx.auth;

/** What an API key may do beyond acting on its owner's objects. */
public enum Role {
    USER,
    ADMIN
}
