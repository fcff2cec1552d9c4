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

    private final UserService service;

    public UserWiring(UserService service) {
        this.service = service;
    }

    @Override
    public String schemaFile() {
        return "user.graphqls";
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Query", type -> type
                .dataFetcher("user", env -> UserLoaders.USER_BY_ADDRESS.in(env).load(env.getArgument("address")))
                .dataFetcher("users", this::users));
    }

    private CompletableFuture<Connection<User>> users(DataFetchingEnvironment env) {
        UserFilter filter = Arguments.filter(env, UserFilter.class);
        PageRequest<User> page = Arguments.page(env, UserRepository::sortField, "CREATED_AT");
        return Connections.of(env, service.list(filter, page), () -> service.count(filter));
    }
}
