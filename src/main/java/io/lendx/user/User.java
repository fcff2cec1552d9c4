package io.lendx.user;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A marketplace participant, keyed by XRPL classic address. */
@MappedEntity("users")
public record User(@Id String address, @Nullable String did, Instant createdAt, Instant updatedAt) {
}
