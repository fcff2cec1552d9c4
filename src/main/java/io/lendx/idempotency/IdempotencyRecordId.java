package io.lendx.idempotency;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedProperty;

/** A caller and the key it chose: the scope of one idempotent request. */
@Embeddable
public record IdempotencyRecordId(@MappedProperty("caller") String caller,
                                  @MappedProperty("idempotency_key") String idempotencyKey) {
}
