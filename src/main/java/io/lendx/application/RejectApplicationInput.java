package io.lendx.application;

import io.micronaut.core.annotation.Nullable;

public record RejectApplicationInput(String applicationAddress, @Nullable String idempotencyKey) {
}
