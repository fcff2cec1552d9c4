package io.lendx.auth;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.r2dbc.annotation.R2dbcRepository;
import io.micronaut.data.repository.reactive.ReactorCrudRepository;
import reactor.core.publisher.Mono;

import java.time.Instant;

@R2dbcRepository(dialect = Dialect.POSTGRES)
public interface SignInChallengeRepository extends ReactorCrudRepository<SignInChallenge, String> {

    /** Marks the challenge used if it is still usable: one conditional UPDATE, so two uses cannot both win. */
    @Query("UPDATE sign_in_challenges SET used_at = :now WHERE challenge_hash = :challengeHash"
            + " AND address = :address AND used_at IS NULL AND expires_at > :now")
    Mono<Long> use(String challengeHash, String address, Instant now);
}
