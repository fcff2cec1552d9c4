package io.lendx.auth;

import io.lendx.auth.WalletProofException.Reason;
import io.lendx.auth.WalletSignatures.Outcome;
import io.lendx.error.BadUserInputException;
import io.lendx.user.UserService;
import io.lendx.validation.Check;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Sign-in with a wallet: a signature of a fresh challenge by a key that derives the user's
 * address earns a new API key. It is also how an owner who lost every key gets back in. Failed
 * proofs count towards the lockout of the client address, like bad API keys.
 */
@Singleton
public class SignInService {

    private final SignInChallenges challenges;
    private final WalletSignatures signatures;
    private final UserService users;
    private final ApiKeyService keys;
    private final List<AuthenticationFailures> failures;

    public SignInService(SignInChallenges challenges, WalletSignatures signatures, UserService users,
                         ApiKeyService keys, List<AuthenticationFailures> failures) {
        this.challenges = challenges;
        this.signatures = signatures;
        this.users = users;
        this.keys = keys;
        this.failures = failures;
    }

    @Transactional
    public Mono<SignInPayload> signIn(SignInInput input, @Nullable String clientAddress) {
        String address = Check.xrplAddress("address", input.address());
        if (input.challenge() == null || input.challenge().isBlank()) {
            throw new BadUserInputException("challenge must be the text requestSignInChallenge returned");
        }
        Outcome proof = signatures.verify(address, input.publicKey(), input.signature(),
                input.challenge().getBytes(StandardCharsets.UTF_8));
        Mono<Void> proven = switch (proof) {
            case VALID -> challenges.use(address, input.challenge());
            case KEY_NOT_FOR_ADDRESS -> Mono.error(new WalletProofException(Reason.KEY_NOT_FOR_ADDRESS,
                    "The public key does not belong to the address"));
            case INVALID_SIGNATURE -> Mono.error(new WalletProofException(Reason.INVALID_SIGNATURE,
                    "The signature does not match the challenge and the public key"));
        };
        return proven
                .doOnError(WalletProofException.class, refused -> failed(clientAddress))
                .then(users.find(address))
                .flatMap(user -> keys.issue(address, Role.USER, ApiKeyService.DEFAULT_LIFETIME)
                        .map(key -> new SignInPayload(user, key.apiKey(), key.keyId())));
    }

    private void failed(@Nullable String clientAddress) {
        String address = String.valueOf(clientAddress);
        failures.forEach(listener -> listener.failed(address));
    }
}
