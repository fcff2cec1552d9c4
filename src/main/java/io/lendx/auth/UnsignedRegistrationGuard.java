package io.lendx.auth;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;

/**
 * Refuses to start in {@code prod} with unsigned registration on: it would let anyone register a
 * wallet address they cannot sign for, and so act as its owner.
 */
@Context
@Requires(env = "prod")
@Requires(property = "lendx.auth.unsigned-registration", value = "true")
public class UnsignedRegistrationGuard {

    public UnsignedRegistrationGuard(Environment environment) {
        throw new ConfigurationException("LENDX_AUTH_UNSIGNED_REGISTRATION=true is a development switch and is"
                + " refused in the prod environment (" + environment.getActiveNames() + ")");
    }
}
