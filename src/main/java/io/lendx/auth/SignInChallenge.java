package io.lendx.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A challenge as stored: its hash, the address it was issued for, when it expires and was used. */
@MappedEntity("sign_in_challenges")
public record SignInChallenge(@Id String challengeHash, String address, Instant expiresAt,
                              @Nullable Instant usedAt, Instant createdAt) {
}
