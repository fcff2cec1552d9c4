package io.lendx.privacy;

import io.lendx.auth.Caller;
import io.lendx.error.ConflictException;
import io.lendx.error.ForbiddenException;
import io.lendx.error.NotFoundException;
import io.lendx.validation.Check;
import io.micronaut.transaction.reactive.ReactorReactiveTransactionOperations;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Result;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The right to be forgotten: removes the off-chain personal data LendX holds for a user (its
 * DID, token balances, API keys, sign-in challenges, idempotency records), in one transaction.
 * The address stays where other users' records depend on it (issuer, borrower, lender: the
 * ledger is public and a loan belongs to both parties), and the audit log never held a client
 * address to erase (ClientNetwork). Refused while the user still owes or is owed a decision: an
 * ONGOING loan or a PENDING application. Erasing twice erases nothing more.
 */
@Singleton
public class ErasureService {

    private final ReactorReactiveTransactionOperations<Connection> transactions;
    private final Clock clock;

    public ErasureService(ReactorReactiveTransactionOperations<Connection> transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    /** In the caller's transaction (the mutation's), or a new one. */
    public Mono<EraseUserPayload> erase(Caller caller, EraseUserInput input) {
        String address = Check.xrplAddress("address", input.address());
        if (!caller.isAdmin() && !address.equals(caller.address())) {
            throw new ForbiddenException("Only the user themself or an ADMIN may erase a user");
        }
        Instant now = clock.instant();
        return transactions.withTransactionMono(status -> {
            Connection connection = status.getConnection();
            return count(connection, "SELECT count(*) FROM users WHERE address = $1", address)
                    .flatMap(users -> users == 0 ? Mono.error(new NotFoundException("No user has the address "
                            + address)) : count(connection, "SELECT (SELECT count(*) FROM loans WHERE state = 'ONGOING'"
                            + " AND (borrower_address = $1 OR lender_address = $1)) + (SELECT count(*) FROM applications"
                            + " WHERE state = 'PENDING' AND borrower_address = $1)", address))
                    .flatMap(obligations -> obligations > 0 ? Mono.error(new ConflictException(
                            ConflictException.Reason.ACTIVE_OBLIGATIONS, "The user has an ONGOING loan or a PENDING"
                            + " application; erase it once they are settled")) : Mono.just(obligations))
                    .thenMany(Flux.concat(
                            update(connection, "UPDATE users SET did = NULL, updated_at = $2 WHERE address = $1",
                                    address, now),
                            update(connection, "DELETE FROM user_mpt_balances WHERE user_address = $1", address, null),
                            update(connection, "DELETE FROM api_keys WHERE user_address = $1", address, null),
                            update(connection, "DELETE FROM sign_in_challenges WHERE address = $1", address, null),
                            update(connection, "DELETE FROM idempotency_keys WHERE caller = $1"
                                    + " OR caller = 'register:' || $1", address, null)))
                    .then(Mono.just(new EraseUserPayload(address, now)));
        });
    }

    private static Mono<Long> count(Connection connection, String sql, String address) {
        return Flux.from(connection.createStatement(sql).bind(0, address).execute())
                .flatMap(result -> result.map(row -> row.get(0, Long.class)))
                .single();
    }

    private static Mono<Long> update(Connection connection, String sql, String address, Instant now) {
        var statement = connection.createStatement(sql).bind(0, address);
        if (now != null) {
            statement.bind(1, now.atOffset(ZoneOffset.UTC));
        }
        return Flux.from(statement.execute()).flatMap(Result::getRowsUpdated).reduce(0L, Long::sum);
    }
}
