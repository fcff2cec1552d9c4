package io.lendx.auth;

import io.lendx.user.UserService;
import io.lendx.validation.Check;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

/**
 * Sign-in with a wallet: a proof ({@link WalletProofs}) earns a new API key for the address's
 * user. It is also how an owner who lost every key gets back in.
 */
@Singleton
public class SignInService {

    private final WalletProofs proofs;
    private final UserService users;
    private final ApiKeyService keys;

    public SignInService(WalletProofs proofs, UserService users, ApiKeyService keys) {
        this.proofs = proofs;
        this.users = users;
        this.keys = keys;
    }

    @Transactional
    public Mono<SignInPayload> signIn(SignInInput input, @Nullable String clientAddress) {
        String address = Check.xrplAddress("address", input.address());
        return proofs.check(address, input.publicKey(), input.signature(), input.challenge(), clientAddress)
                .then(users.find(address))
                .flatMap(user -> keys.issue(address, Role.USER, ApiKeyService.DEFAULT_LIFETIME)
                        .map(key -> new SignInPayload(user, key.apiKey(), key.keyId())));
    }
}
