package io.lendx.balance;

import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.r2dbc.annotation.R2dbcRepository;
import io.micronaut.data.repository.reactive.ReactorCrudRepository;
import reactor.core.publisher.Flux;

import java.util.Collection;

@R2dbcRepository(dialect = Dialect.POSTGRES)
public interface MptBalanceRepository extends ReactorCrudRepository<MptBalance, MptBalanceId> {

    Flux<MptBalance> findByIdUserAddressInOrderByIdMptId(Collection<String> userAddresses);
}
