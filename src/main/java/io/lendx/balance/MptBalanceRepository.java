package io.lendx.balance;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.r2dbc.annotation.R2dbcRepository;
import io.micronaut.data.repository.reactive.ReactorCrudRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;

@R2dbcRepository(dialect = Dialect.POSTGRES)
public interface MptBalanceRepository extends ReactorCrudRepository<MptBalance, MptBalanceId> {

    Flux<MptBalance> findByIdUserAddressInOrderByIdMptId(Collection<String> userAddresses);

    /** Insert or replace in one statement, so concurrent syncs of a new balance cannot collide. */
    @Query("INSERT INTO user_mpt_balances (user_address, mpt_id, balance, last_synced_at)"
            + " VALUES (:userAddress, :mptId, :balance, :syncedAt)"
            + " ON CONFLICT (user_address, mpt_id)"
            + " DO UPDATE SET balance = EXCLUDED.balance, last_synced_at = EXCLUDED.last_synced_at")
    Mono<Long> upsert(String userAddress, String mptId, BigDecimal balance, Instant syncedAt);
}
