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

    /** Challenges used, or expired since {@code before}: nothing can use them any more. */
    @Query("DELETE FROM sign_in_challenges WHERE used_at IS NOT NULL OR expires_at < :before")
    Mono<Long> deleteSpent(Instant before);
}
