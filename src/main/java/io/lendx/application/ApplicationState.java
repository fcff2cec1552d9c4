package io.lendx.application;

/** PENDING until the issuer decides or the dissolution date passes. */
public enum ApplicationState {
    PENDING,
    APPROVED,
    REJECTED,
    EXPIRED
}
