package io.lendx.balance;

import io.lendx.graphql.FeatureLoaders;
import io.lendx.graphql.LoaderKey;
import jakarta.inject.Singleton;
import io.lendx.graphql.LoaderRegistrar;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

@Singleton
public class BalanceLoaders implements FeatureLoaders {

    static final LoaderKey<String, List<MptBalance>> BALANCES_BY_USER = new LoaderKey<>("balancesByUser");

    private final MptBalanceRepository balances;

    public BalanceLoaders(MptBalanceRepository balances) {
        this.balances = balances;
    }

    @Override
    public void register(LoaderRegistrar registry) {
        registry.register(BALANCES_BY_USER, users -> balances.findByIdUserAddressInOrderByIdMptId(users)
                .collectList()
                .map(found -> {
                    Map<String, List<MptBalance>> byUser = found.stream()
                            .collect(Collectors.groupingBy(MptBalance::userAddress));
                    users.forEach(user -> byUser.putIfAbsent(user, List.of()));
                    return byUser;
                }));
    }
}
