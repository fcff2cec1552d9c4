package io.lendx.user;

import io.lendx.error.ConflictException;
import io.lendx.error.Conflicts;
import io.lendx.error.NotFoundException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionDefinition.Propagation;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;

@Singleton
public class UserService {

    private final UserRepository users;
    private final Clock clock;

    public UserService(UserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    /** Records a new user; address and DID must already be validated. Part of a registration. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Mono<User> create(String address, @Nullable String did) {
        Instant now = clock.instant();
        return users.existsById(address)
                .flatMap(taken -> taken ? Mono.error(duplicate("A user with this address is already registered"))
                        : did == null ? Mono.just(false) : users.existsByDid(did))
                .flatMap(didTaken -> didTaken ? Mono.error(duplicate("This DID belongs to another user"))
                        : users.save(new User(address, did, now, now)))
                .onErrorMap(Conflicts.duplicateAs("The address or DID is already registered"));
    }

    public Mono<User> find(String address) {
        return users.findById(address)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No user has the address " + address)));
    }

    private static ConflictException duplicate(String message) {
        return new ConflictException(ConflictException.Reason.DUPLICATE, message);
    }

}
