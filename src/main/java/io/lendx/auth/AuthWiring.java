package io.lendx.auth;

import io.lendx.http.RequestInfo;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.lendx.graphql.Arguments;
import io.lendx.graphql.FeatureWiring;
import io.lendx.user.UserLoaders;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;


@Singleton
public class AuthWiring implements FeatureWiring {

    private final RegistrationService registration;
    private final ApiKeyService keys;
    private final SignInChallenges challenges;
    private final SignInService signIn;

    public AuthWiring(RegistrationService registration, ApiKeyService keys, SignInChallenges challenges,
                      SignInService signIn) {
        this.registration = registration;
        this.keys = keys;
        this.challenges = challenges;
        this.signIn = signIn;
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
                .dataFetcher("revokeApiKey", this::revokeApiKey)
                .dataFetcher("requestSignInChallenge", env -> challenges.request(
                        Arguments.input(env, "input", RequestSignInChallengeInput.class)))
                .dataFetcher("signIn", this::signIn));
    }

    private static Object viewer(DataFetchingEnvironment env) {
        Caller caller = Callers.optional(env);
        return caller == null ? null : UserLoaders.USER_BY_ADDRESS.load(env, caller.address());
    }

    private Mono<RegisterUserPayload> registerUser(DataFetchingEnvironment env) {
        return registration.register(Arguments.input(env, "input", RegisterUserInput.class), clientAddress(env));
    }

    private Mono<SignInPayload> signIn(DataFetchingEnvironment env) {
        return signIn.signIn(Arguments.input(env, "input", SignInInput.class), clientAddress(env));
    }

    /** Where the request came from: failed wallet proofs count towards its lockout. */
    private static String clientAddress(DataFetchingEnvironment env) {
        RequestInfo request = env.getGraphQlContext().get(RequestInfo.class);
        return request == null ? null : request.clientAddress();
    }

    private Mono<CreateApiKeyPayload> createApiKey(DataFetchingEnvironment env) {
        Caller caller = Callers.require(env);
        return keys.create(caller, Arguments.input(env, "input", CreateApiKeyInput.class))
                .map(issued -> new CreateApiKeyPayload(issued.keyId(), issued.apiKey()));
    }

    private Mono<RevokeApiKeyPayload> revokeApiKey(DataFetchingEnvironment env) {
        Caller caller = Callers.require(env);
        return keys.revoke(caller, Arguments.input(env, "input", RevokeApiKeyInput.class))
                .map(RevokeApiKeyPayload::new);
    }
}
