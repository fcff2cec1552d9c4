package io.lendx.replica;

/** Where a request's reads go. Everything that is not a query routed here reads the primary. */
public enum Route {
    PRIMARY,
    REPLICA
}
