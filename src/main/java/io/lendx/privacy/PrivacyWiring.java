package io.lendx.privacy;

import graphql.schema.idl.RuntimeWiring;
import io.lendx.auth.Callers;
import io.lendx.graphql.Arguments;
import io.lendx.graphql.FeatureWiring;
import jakarta.inject.Singleton;

@Singleton
public class PrivacyWiring implements FeatureWiring {

    private final ErasureService erasure;

    public PrivacyWiring(ErasureService erasure) {
        this.erasure = erasure;
    }

    @Override
    public String schemaFile() {
        return "privacy.graphqls";
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Mutation", type -> type.dataFetcher("eraseUser", env -> erasure.erase(Callers.require(env),
                Arguments.input(env, "input", EraseUserInput.class))));
    }
}
