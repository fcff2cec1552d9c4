package io.lendx.auth;

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

    public RegistrationService(UserService users, ApiKeyService keys, Idempotency idempotency) {
        this.users = users;
        this.keys = keys;
        this.idempotency = idempotency;
    }

    @Transactional
    public Mono<RegisterUserPayload> register(RegisterUserInput input) {
        String address = Check.xrplAddress("address", input.address());
        String did = Check.did("did", input.did());
        // Anonymous callers are told apart by the address they register.
        return idempotency.once(input.idempotencyKey(), "register:" + address, "registerUser", input,
                () -> users.create(address, did).flatMap(user -> keys.issue(address, Role.USER,
                                ApiKeyService.DEFAULT_LIFETIME)
                        .map(key -> new RegisterUserPayload(user, key.apiKey(), key.keyId()))),
                registered -> Map.of("keyId", registered.keyId().toString()),
                first -> users.find(address)
                        .map(user -> new RegisterUserPayload(user, null, UUID.fromString(first.get("keyId")))));
    }
}
