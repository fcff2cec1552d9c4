package io.lendx.auth;

import io.lendx.auth.WalletProofException.Reason;
import io.lendx.validation.Check;
import io.lendx.validation.Sha256;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * Single-use sign-in challenges: a random message (256 bits) that names the service, the address
 * and the expiry, kept only as a hash. Using one marks it used in the same transaction as what it
 * proves, so a replay finds it spent; the retention job deletes used and expired ones.
 */
@Singleton
public class SignInChallenges {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SignInChallengeRepository challenges;
    private final Clock clock;
    private final Duration lifetime;
    private final String service;

    public SignInChallenges(SignInChallengeRepository challenges, Clock clock,
                            @Value("${lendx.auth.challenge-lifetime:5m}") Duration lifetime,
                            @Value("${micronaut.application.name:lendx}") String service) {
        this.challenges = challenges;
        this.clock = clock;
        this.lifetime = lifetime;
        this.service = service;
    }

    @Transactional
    public Mono<RequestSignInChallengePayload> request(RequestSignInChallengeInput input) {
        String address = Check.xrplAddress("address", input.address());
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(lifetime);
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        String challenge = service + " sign-in\naddress: " + address + "\nnonce: " + HexFormat.of().formatHex(nonce)
                + "\nexpires: " + expiresAt;
        return challenges.save(new SignInChallenge(Sha256.hex(challenge), address, expiresAt, null, now))
                .thenReturn(new RequestSignInChallengePayload(challenge, expiresAt, address));
    }

    /** Spends {@code challenge} for {@code address}, or fails saying why it cannot be. */
    public Mono<Void> use(String address, String challenge) {
        String hash = Sha256.hex(challenge);
        Instant now = clock.instant();
        return challenges.use(hash, address, now).flatMap(used -> used == 1 ? Mono.<Void>empty()
                : challenges.findById(hash)
                .map(found -> !found.address().equals(address)
                        ? new WalletProofException(Reason.CHALLENGE_FOREIGN, "The challenge was issued for another address")
                        : found.usedAt() != null
                        ? new WalletProofException(Reason.CHALLENGE_USED, "The challenge was already used")
                        : new WalletProofException(Reason.CHALLENGE_EXPIRED, "The challenge expired; request a new one"))
                .defaultIfEmpty(new WalletProofException(Reason.CHALLENGE_UNKNOWN,
                        "The challenge is unknown; request one with requestSignInChallenge"))
                .flatMap(Mono::error));
    }
}
