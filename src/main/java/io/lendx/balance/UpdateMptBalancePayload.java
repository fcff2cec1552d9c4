package io.lendx.balance;

import io.lendx.graphql.MutationPayload;

public record UpdateMptBalancePayload(MptBalance mptBalance) implements MutationPayload {

    @Override
    public String auditTarget() {
        return mptBalance.id().userAddress();
    }
}
