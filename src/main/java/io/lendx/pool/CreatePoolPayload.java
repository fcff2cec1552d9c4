package io.lendx.pool;

import io.lendx.graphql.MutationPayload;

public record CreatePoolPayload(Pool pool) implements MutationPayload {

    @Override
    public String auditTarget() {
        return pool.address();
    }
}
