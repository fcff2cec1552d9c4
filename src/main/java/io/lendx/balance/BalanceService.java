package io.lendx.balance;

import io.lendx.auth.Caller;
import io.lendx.error.BadUserInputException;
import io.lendx.error.ForbiddenException;
import io.lendx.idempotency.Idempotency;
import io.lendx.user.UserService;
import io.lendx.validation.Check;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

@Singleton
public class BalanceService {

    private final MptBalanceRepository balances;
    private final UserService users;
    private final Idempotency idempotency;
    private final Clock clock;

    public BalanceService(MptBalanceRepository balances, UserService users, Idempotency idempotency, Clock clock) {
        this.balances = balances;
        this.users = users;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    public boolean isStale(MptBalance balance, int maxAgeSeconds) {
        if (maxAgeSeconds < 0) {
            throw new BadUserInputException("maxAgeSeconds must not be negative, was " + maxAgeSeconds);
        }
        return balance.isStaleAt(clock.instant(), Duration.ofSeconds(maxAgeSeconds));
    }

    /** Records a balance as just read from the ledger. Only operators sync balances. */
    @Transactional
    public Mono<MptBalance> update(Caller caller, UpdateMptBalanceInput input) {
        if (!caller.isAdmin()) {
            throw new ForbiddenException("Only an ADMIN may update token balances");
        }
        String holder = Check.xrplAddress("userAddress", input.userAddress());
        String mptId = Check.objectAddress("mptId", input.mptId());
        BigDecimal balance = Check.notNegative("balance", input.balance());
        Instant now = clock.instant();
        MptBalanceId id = new MptBalanceId(holder, mptId);
        return idempotency.once(input.idempotencyKey(), caller.identity(), "updateMptBalance", input,
                () -> users.find(holder)
                        .then(balances.upsert(holder, mptId, balance, now))
                        .then(balances.findById(id)),
                updated -> Map.of("user", holder, "mptId", mptId),
                first -> balances.findById(id));
    }
}
