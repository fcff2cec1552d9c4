package io.lendx.balance;

public record UpdateMptBalancePayload(MptBalance mptBalance) {
}
