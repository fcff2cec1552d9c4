package io.lendx.auth;

import graphql.schema.DataFetchingEnvironment;
import io.lendx.error.ForbiddenException;
import io.lendx.error.UnauthenticatedException;
import io.lendx.graphql.ResponseHints;
import io.micronaut.core.annotation.Nullable;

/** The caller of a GraphQL request, as the {@link Authenticator} put it into the context. */
public final class Callers {

    private Callers() {
    }

    /** The caller, or null when anonymous; either way the answer now depends on who asks. */
    @Nullable
    public static Caller optional(DataFetchingEnvironment env) {
        ResponseHints.dependsOnCaller(env);
        return env.getGraphQlContext().get(Caller.class);
    }

    public static Caller require(DataFetchingEnvironment env) {
        Caller caller = optional(env);
        if (caller == null) {
            throw new UnauthenticatedException("This needs an API key: send Authorization: Bearer <key>");
        }
        return caller;
    }

    /** The address of a caller who must act as a marketplace user. */
    public static String requireUser(Caller caller) {
        if (caller.address() == null) {
            throw new ForbiddenException("The bootstrap admin key acts as no user; use a user's API key");
        }
        return caller.address();
    }
}
