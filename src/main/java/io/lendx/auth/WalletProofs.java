package io.lendx.auth;

import io.lendx.auth.WalletProofException.Reason;
import io.lendx.error.BadUserInputException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Proof that the caller holds a wallet: its key derives the address and signed an unused,
 * unexpired challenge issued for it, which the proof spends (inside the caller's transaction).
 * Failed proofs count towards the lockout of the client address, like bad API keys.
 */
@Singleton
public class WalletProofs {

    private final SignInChallenges challenges;
    private final WalletSignatures signatures;
    private final List<AuthenticationFailures> failures;

    public WalletProofs(SignInChallenges challenges, WalletSignatures signatures,
                        List<AuthenticationFailures> failures) {
        this.challenges = challenges;
        this.signatures = signatures;
        this.failures = failures;
    }

    /** Empty when proven; else UNAUTHENTICATED with a reason (BAD_USER_INPUT for malformed input). */
    public Mono<Void> check(String address, @Nullable String publicKey, @Nullable String signature,
                            @Nullable String challenge, @Nullable String clientAddress) {
        if (publicKey == null || signature == null || challenge == null || challenge.isBlank()) {
            return Mono.error(new BadUserInputException("publicKey, signature and challenge are required: sign the"
                    + " text requestSignInChallenge returns with the wallet of the address"));
        }
        Mono<Void> proven = switch (signatures.verify(address, publicKey, signature,
                challenge.getBytes(StandardCharsets.UTF_8))) {
            case VALID -> challenges.use(address, challenge);
            case KEY_NOT_FOR_ADDRESS -> Mono.error(new WalletProofException(Reason.KEY_NOT_FOR_ADDRESS,
                    "The public key does not belong to the address"));
            case INVALID_SIGNATURE -> Mono.error(new WalletProofException(Reason.INVALID_SIGNATURE,
                    "The signature does not match the challenge and the public key"));
        };
        return proven.onErrorResume(WalletProofException.class, refused ->
                AuthenticationFailures.tell(failures, String.valueOf(clientAddress)).then(Mono.error(refused)));
    }
}
