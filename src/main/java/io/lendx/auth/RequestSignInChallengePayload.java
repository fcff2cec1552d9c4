package io.lendx.auth;

import io.lendx.graphql.MutationPayload;

import java.time.Instant;

/** Mirrors the SDL type {@code RequestSignInChallengePayload}; the address is its audit target. */
public record RequestSignInChallengePayload(String challenge, Instant expiresAt, String address)
        implements MutationPayload {

    @Override
    public String auditTarget() {
        return address;
    }
}
