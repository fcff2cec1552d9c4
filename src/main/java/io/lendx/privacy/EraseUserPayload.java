package io.lendx.privacy;

import io.lendx.graphql.MutationPayload;

import java.time.Instant;

/** Mirrors the SDL type {@code EraseUserPayload}; the address is all the audit keeps of it. */
public record EraseUserPayload(String address, Instant erasedAt) implements MutationPayload {

    @Override
    public String auditTarget() {
        return address;
    }
}
