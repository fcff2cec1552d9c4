package io.lendx.pool;

import io.lendx.subscription.ChangeSubscriptions;
import io.lendx.subscription.Change;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.lendx.auth.Caller;
import io.lendx.auth.Callers;
import io.lendx.graphql.Arguments;
import io.lendx.graphql.Connection;
import io.lendx.graphql.Connections;
import io.lendx.graphql.FeatureWiring;
import io.lendx.paging.PageRequest;
import io.lendx.user.User;
import io.lendx.user.UserLoaders;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.util.concurrent.CompletableFuture;

@Singleton
public class PoolWiring implements FeatureWiring {

    private final PoolService service;
    private final PoolRepository pools;
    private final ChangeSubscriptions subscriptions;

    public PoolWiring(PoolService service, PoolRepository pools, ChangeSubscriptions subscriptions) {
        this.service = service;
        this.pools = pools;
        this.subscriptions = subscriptions;
    }

    @Override
    public String schemaFile() {
        return "pool.graphqls";
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Query", type -> type
                .dataFetcher("pool", env -> PoolLoaders.POOL_BY_ADDRESS.load(env, env.getArgument("address")))
                .dataFetcher("pools", this::pools));
        wiring.type("Pool", type -> type
                .dataFetcher("issuer", UserLoaders.USER_BY_ADDRESS.of(Pool::issuerAddress)));
        wiring.type("User", type -> type.dataFetcher("pools",
                env -> PoolLoaders.POOLS_OF_ISSUER.connection(env, env.<User>getSource().address(), null)));
        wiring.type("Subscription", type -> type.dataFetcher("poolUpdated",
                env -> subscriptions.of(env, Change.Kind.POOL, pools::findById)));
        wiring.type("Mutation", type -> type.dataFetcher("createPool", this::createPool));
    }

    private Mono<CreatePoolPayload> createPool(DataFetchingEnvironment env) {
        Caller caller = Callers.require(env);
        return service.create(caller, Arguments.input(env, "input", CreatePoolInput.class))
                .map(CreatePoolPayload::new);
    }

    private CompletableFuture<Connection<Pool>> pools(DataFetchingEnvironment env) {
        PoolFilter filter = Arguments.filter(env, PoolFilter.class);
        PageRequest<Pool> page = Arguments.page(env, PoolRepository.TABLE);
        return Connections.of(env, pools.findPage(filter, page), () -> pools.countMatching(filter));
    }
}
