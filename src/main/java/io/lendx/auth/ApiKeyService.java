package io.lendx.auth;

import io.lendx.validation.Sha256;
import io.lendx.error.BadUserInputException;
import io.lendx.error.ForbiddenException;
import io.lendx.error.NotFoundException;
import io.lendx.error.UnauthenticatedException;
import io.lendx.idempotency.Idempotency;
import io.lendx.user.UserService;
import io.lendx.validation.Check;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionDefinition.Propagation;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Issues, revokes and checks API keys. */
@Singleton
public class ApiKeyService {

    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(90);
    static final String BOOTSTRAP_KEY_ID = "bootstrap-admin";
    private static final int MAX_LIFETIME_DAYS = 365;

    private final ApiKeyRepository keys;
    private final UserService users;
    private final Idempotency idempotency;
    private final Clock clock;
    private final Duration lastUsedResolution;
    @Nullable
    private final byte[] adminKeyHash;

    public ApiKeyService(ApiKeyRepository keys, UserService users, Idempotency idempotency, Clock clock,
                         AuthConfiguration configuration) {
        this.keys = keys;
        this.users = users;
        this.idempotency = idempotency;
        this.clock = clock;
        this.lastUsedResolution = configuration.getLastUsedResolution();
        String adminKey = configuration.getAdminApiKey();
        if (adminKey != null && adminKey.length() < AuthConfiguration.MIN_ADMIN_KEY_LENGTH) {
            throw new IllegalStateException("LENDX_ADMIN_API_KEY must be at least "
                    + AuthConfiguration.MIN_ADMIN_KEY_LENGTH + " characters long");
        }
        this.adminKeyHash = adminKey == null ? null : Sha256.of(adminKey);
    }

    /** A key id and its plaintext key, which exists only in this response (null on a replay). */
    public record IssuedKey(UUID keyId, @Nullable String apiKey) {
    }

    /** Issues a key inside the caller's transaction (a registration or {@link #create}). */
    @Transactional(propagation = Propagation.MANDATORY)
    public Mono<IssuedKey> issue(String userAddress, Role role, Duration lifetime) {
        String plaintext = ApiKeySecrets.newKey();
        Instant now = clock.instant();
        ApiKey key = new ApiKey(UUID.randomUUID(), userAddress, ApiKeySecrets.hash(plaintext), role, now,
                now.plus(lifetime), null, null);
        return keys.save(key).map(saved -> new IssuedKey(saved.keyId(), plaintext));
    }

    @Transactional
    public Mono<IssuedKey> create(Caller caller, CreateApiKeyInput input) {
        int days = Check.between("expiresInDays", input.expiresInDays(), 1, MAX_LIFETIME_DAYS);
        String owner = input.userAddress() != null ? input.userAddress() : caller.address();
        if (owner == null) {
            throw new BadUserInputException("userAddress is required: the bootstrap admin key belongs to no user");
        }
        if (!caller.isAdmin() && (!owner.equals(caller.address()) || input.role() == Role.ADMIN)) {
            throw new ForbiddenException("Only an ADMIN may issue ADMIN keys or keys for other users");
        }
        return idempotency.once(input.idempotencyKey(), caller.identity(), "createApiKey", input,
                () -> users.find(owner).then(issue(owner, input.role(), Duration.ofDays(days))),
                issued -> Map.of("keyId", issued.keyId().toString()),
                first -> Mono.just(new IssuedKey(UUID.fromString(first.get("keyId")), null)));
    }

    @Transactional
    public Mono<Boolean> revoke(Caller caller, RevokeApiKeyInput input) {
        UUID keyId = parseKeyId(input.keyId());
        return idempotency.once(input.idempotencyKey(), caller.identity(), "revokeApiKey", input,
                () -> keys.findById(keyId)
                        .switchIfEmpty(Mono.error(() -> new NotFoundException("No API key has the id " + keyId)))
                        .flatMap(key -> {
                            if (!caller.isAdmin() && !key.userAddress().equals(caller.address())) {
                                return Mono.error(new ForbiddenException("This API key belongs to another user"));
                            }
                            return keys.revoke(keyId, clock.instant()).thenReturn(true);
                        }),
                revoked -> Map.of("revoked", "true"),
                first -> Mono.just(true));
    }

    /** The caller a presented key stands for; UNAUTHENTICATED if it is unknown, expired or revoked. */
    public Mono<Caller> authenticate(String presented) {
        if (adminKeyHash != null && ApiKeySecrets.matches(presented, adminKeyHash)) {
            return Mono.just(new Caller(BOOTSTRAP_KEY_ID, null, Role.ADMIN));
        }
        Instant now = clock.instant();
        return keys.findByKeyHash(ApiKeySecrets.hash(presented))
                .filter(key -> key.isUsableAt(now))
                .switchIfEmpty(Mono.error(() -> new UnauthenticatedException(
                        "The API key is unknown, expired or revoked")))
                .flatMap(key -> keys.touch(key.keyId(), now, now.minus(lastUsedResolution))
                        .thenReturn(new Caller(key.keyId().toString(), key.userAddress(), key.role())));
    }

    private static UUID parseKeyId(String keyId) {
        try {
            return UUID.fromString(keyId);
        } catch (IllegalArgumentException e) {
            throw new BadUserInputException("keyId is not a key id");
        }
    }
}
