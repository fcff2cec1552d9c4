package io.lendx.auth;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.lendx.idempotency.Idempotency;
import io.lendx.user.UserService;
import io.lendx.validation.Check;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.UUID;

/** Registration: a user and its first API key, together or not at all. */
@Singleton
public class RegistrationService {

    private final UserService users;
    private final ApiKeyService keys;
    private final Idempotency idempotency;
    private final WalletProofs proofs;
    private final boolean unsignedAllowed;

    public RegistrationService(UserService users, ApiKeyService keys, Idempotency idempotency, WalletProofs proofs,
                               @Value("${lendx.auth.unsigned-registration:false}") boolean unsignedAllowed) {
        this.users = users;
        this.keys = keys;
        this.idempotency = idempotency;
        this.proofs = proofs;
        this.unsignedAllowed = unsignedAllowed;
    }

    /**
     * Registers the address of a wallet the caller proves to hold ({@link WalletProofs}): nobody
     * can register someone else's address first. Without the development switch
     * {@code LENDX_AUTH_UNSIGNED_REGISTRATION}, the proof is required.
     */
    @Transactional
    public Mono<RegisterUserPayload> register(RegisterUserInput input, @Nullable String clientAddress) {
        String address = Check.xrplAddress("address", input.address());
        String did = Check.did("did", input.did());
        boolean unsigned = unsignedAllowed && input.publicKey() == null && input.signature() == null
                && input.challenge() == null;
        Mono<Void> proven = unsigned ? Mono.empty()
                : proofs.check(address, input.publicKey(), input.signature(), input.challenge(), clientAddress);
        // Anonymous callers are told apart by the address they register.
        return idempotency.once(input.idempotencyKey(), "register:" + address, "registerUser", input,
                () -> proven.then(users.create(address, did)).flatMap(user -> keys.issue(address, Role.USER,
                                ApiKeyService.DEFAULT_LIFETIME)
                        .map(key -> new RegisterUserPayload(user, key.apiKey(), key.keyId()))),
                registered -> Map.of("keyId", registered.keyId().toString()),
                first -> users.find(address)
                        .map(user -> new RegisterUserPayload(user, null, UUID.fromString(first.get("keyId")))));
    }
}
