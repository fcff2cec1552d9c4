package io.lendx.balance;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.lendx.auth.Callers;
import io.lendx.graphql.Arguments;
import io.lendx.graphql.FeatureWiring;
import io.lendx.graphql.ResponseHints;
import io.lendx.user.User;
import io.lendx.user.UserLoaders;
import jakarta.inject.Singleton;


@Singleton
public class BalanceWiring implements FeatureWiring {

    private final BalanceService service;

    public BalanceWiring(BalanceService service) {
        this.service = service;
    }

    @Override
    public String schemaFile() {
        return "balance.graphqls";
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type("MptBalance", type -> type
                .dataFetcher("user", UserLoaders.USER_BY_ADDRESS.of(MptBalance::userAddress))
                .dataFetcher("isStale", this::isStale));
        wiring.type("User", type -> type.dataFetcher("mptBalances", env -> BalanceLoaders.BALANCES_BY_USER.in(env)
                .load(env.<User>getSource().address())));
        wiring.type("Mutation", type -> type.dataFetcher("updateMptBalance", env -> service.update(
                Callers.require(env), Arguments.input(env, "input", UpdateMptBalanceInput.class))
                .map(UpdateMptBalancePayload::new)));
    }

    private boolean isStale(DataFetchingEnvironment env) {
        MptBalance balance = env.getSource();
        int maxAgeSeconds = env.getArgument("maxAgeSeconds");
        boolean stale = service.isStale(balance, maxAgeSeconds);
        if (!stale) {
            ResponseHints.changesAt(env, balance.lastSyncedAt().plusSeconds(maxAgeSeconds));
        }
        return stale;
    }
}
