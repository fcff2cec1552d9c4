package io.lendx.idempotency;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.r2dbc.annotation.R2dbcRepository;
import io.micronaut.data.repository.GenericRepository;
import reactor.core.publisher.Mono;

import java.time.Instant;

/** Repository calls join the caller's reactive transaction, which the whole scheme relies on. */
@R2dbcRepository(dialect = Dialect.POSTGRES)
public interface IdempotencyRepository extends GenericRepository<IdempotencyRecord, IdempotencyRecordId> {

    /** 1 if this request claimed the key; 0 if an earlier, committed request holds it. */
    @Query("INSERT INTO idempotency_keys (caller, idempotency_key, operation, request_hash, result, created_at)"
            + " VALUES (:caller, :key, :operation, :requestHash, '', :now) ON CONFLICT DO NOTHING")
    Mono<Long> claim(String caller, String key, String operation, String requestHash, Instant now);

    @Query("UPDATE idempotency_keys SET result = :result WHERE caller = :caller AND idempotency_key = :key")
    Mono<Long> complete(String caller, String key, String result);

    Mono<IdempotencyRecord> findById(IdempotencyRecordId id);
}
