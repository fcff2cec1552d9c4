package io.lendx.auth;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.r2dbc.annotation.R2dbcRepository;
import io.micronaut.data.repository.reactive.ReactorCrudRepository;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.UUID;

@R2dbcRepository(dialect = Dialect.POSTGRES)
public interface ApiKeyRepository extends ReactorCrudRepository<ApiKey, UUID> {

    Mono<ApiKey> findByKeyHash(String keyHash);

    /** Records a use, at most once per interval, so a busy key does not write on every request. */
    @Query("UPDATE api_keys SET last_used_at = :now WHERE key_id = :keyId"
            + " AND (last_used_at IS NULL OR last_used_at < :staleBefore)")
    Mono<Long> touch(UUID keyId, Instant now, Instant staleBefore);

    @Query("UPDATE api_keys SET revoked_at = :now WHERE key_id = :keyId AND revoked_at IS NULL")
    Mono<Long> revoke(UUID keyId, Instant now);
}
