package io.lendx.pool;

public record CreatePoolPayload(Pool pool) {
}
