package io.lendx.ops;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;

import java.security.Principal;
import java.util.Optional;

/** Hands the principal that {@link AdminPrincipalFilter} set to endpoints that ask for one. */
@Singleton
public class PrincipalArgumentBinder implements TypedRequestArgumentBinder<Principal> {

    @Override
    public BindingResult<Principal> bind(ArgumentConversionContext<Principal> context, HttpRequest<?> source) {
        Optional<Principal> principal = source.getAttribute(HttpAttributes.PRINCIPAL, Principal.class);
        return principal.isPresent() ? () -> principal : BindingResult.unsatisfied();
    }

    @Override
    public Argument<Principal> argumentType() {
        return Argument.of(Principal.class);
    }
}
