package io.lendx.auth;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.lendx.graphql.Arguments;
import io.lendx.graphql.FeatureWiring;
import io.lendx.graphql.MutationContext;
import io.lendx.user.UserLoaders;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

@Singleton
public class AuthWiring implements FeatureWiring {

    private final RegistrationService registration;
    private final ApiKeyService keys;

    public AuthWiring(RegistrationService registration, ApiKeyService keys) {
        this.registration = registration;
        this.keys = keys;
    }

    @Override
    public String schemaFile() {
        return "auth.graphqls";
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Query", type -> type.dataFetcher("viewer", AuthWiring::viewer));
        wiring.type("Mutation", type -> type
                .dataFetcher("registerUser", this::registerUser)
                .dataFetcher("createApiKey", this::createApiKey)
                .dataFetcher("revokeApiKey", this::revokeApiKey));
    }

    private static Object viewer(DataFetchingEnvironment env) {
        Caller caller = Callers.optional(env);
        return caller == null || caller.address() == null ? null
                : UserLoaders.USER_BY_ADDRESS.in(env).load(caller.address());
    }

    private CompletableFuture<RegisterUserPayload> registerUser(DataFetchingEnvironment env) {
        Map<String, Object> input = Arguments.input(env, "input");
        return MutationContext.future(env,
                registration.register(new RegisterUserInput(Arguments.field(input, "address"),
                Arguments.field(input, "did"), Arguments.field(input, "idempotencyKey"))));
    }

    private CompletableFuture<ApiKeyService.IssuedKey> createApiKey(DataFetchingEnvironment env) {
        Caller caller = Callers.require(env);
        Map<String, Object> input = Arguments.input(env, "input");
        return MutationContext.future(env,
                keys.create(caller, new CreateApiKeyInput(Arguments.<Integer>field(input, "expiresInDays"),
                        Arguments.enumValue(Arguments.field(input, "role"), Role.class),
                        Arguments.field(input, "userAddress"), Arguments.field(input, "idempotencyKey"))));
    }

    private CompletableFuture<Map<String, Object>> revokeApiKey(DataFetchingEnvironment env) {
        Caller caller = Callers.require(env);
        Map<String, Object> input = Arguments.input(env, "input");
        return MutationContext.future(env, keys.revoke(caller, new RevokeApiKeyInput(Arguments.field(input, "keyId"),
                        Arguments.field(input, "idempotencyKey")))
                .map(revoked -> Map.<String, Object>of("revoked", revoked)));
    }
}
