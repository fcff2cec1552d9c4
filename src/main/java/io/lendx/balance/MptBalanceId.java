package io.lendx.balance;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedProperty;

/** A holder and a token: the key of a balance. */
@Embeddable
public record MptBalanceId(@MappedProperty("user_address") String userAddress,
                           @MappedProperty("mpt_id") String mptId) {
}
