package io.lendx.auth;

import io.micronaut.core.annotation.Nullable;

/**
 * Who a request acts as: the key it presented, the key's owner and the key's role. The
 * bootstrap admin key has no owner, so it can administer but not act as a marketplace user.
 */
public record Caller(String keyId, @Nullable String address, Role role) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** The identity idempotency keys are scoped to: the user, or the key when there is none. */
    public String identity() {
        return address != null ? address : "key:" + keyId;
    }
}
