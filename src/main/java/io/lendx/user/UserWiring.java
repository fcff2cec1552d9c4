package io.lendx.user;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.lendx.graphql.Arguments;
import io.lendx.graphql.Connection;
import io.lendx.graphql.Connections;
import io.lendx.graphql.FeatureWiring;
import io.lendx.paging.PageRequest;
import jakarta.inject.Singleton;

import java.util.concurrent.CompletableFuture;

@Singleton
public class UserWiring implements FeatureWiring {

    private final UserRepository users;

    public UserWiring(UserRepository users) {
        this.users = users;
    }

    @Override
    public String schemaFile() {
        return "user.graphqls";
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Query", type -> type
                .dataFetcher("user", env -> UserLoaders.USER_BY_ADDRESS.load(env, env.getArgument("address")))
                .dataFetcher("users", this::users));
    }

    private CompletableFuture<Connection<User>> users(DataFetchingEnvironment env) {
        UserFilter filter = Arguments.filter(env, UserFilter.class);
        PageRequest<User> page = Arguments.page(env, UserRepository.TABLE);
        return Connections.of(env, users.findPage(filter, page), () -> users.countMatching(filter));
    }
}
