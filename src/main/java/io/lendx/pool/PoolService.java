package io.lendx.pool;

import io.lendx.subscription.ChangeNotices;
import io.lendx.subscription.Change;
import io.lendx.auth.Caller;
import io.lendx.auth.Callers;
import io.lendx.error.BadUserInputException;
import io.lendx.error.ConflictException;
import io.lendx.error.Conflicts;
import io.lendx.error.NotFoundException;
import io.lendx.idempotency.Idempotency;
import io.lendx.validation.Check;
import io.micronaut.transaction.TransactionDefinition.Propagation;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

@Singleton
public class PoolService {

    private static final BigDecimal ZERO = new BigDecimal("0.000000");
    private static final int MAX_DURATION_DAYS = 3650;

    private final PoolRepository pools;
    private final Idempotency idempotency;
    private final Clock clock;
    private final ChangeNotices notices;

    public PoolService(PoolRepository pools, Idempotency idempotency, Clock clock, ChangeNotices notices) {
        this.pools = pools;
        this.idempotency = idempotency;
        this.clock = clock;
        this.notices = notices;
    }

    @Transactional
    public Mono<Pool> create(Caller caller, CreatePoolInput input) {
        String issuer = Callers.requireUser(caller);
        String address = Check.objectAddressOrNew("poolAddress", input.poolAddress());
        BigDecimal total = Check.positive("totalBalance", input.totalBalance());
        BigDecimal minimum = Check.positive("minimumLoan", input.minimumLoan());
        if (minimum.compareTo(total) > 0) {
            throw new BadUserInputException("minimumLoan must not exceed totalBalance");
        }
        int duration = Check.between("durationDays", input.durationDays(), 1, MAX_DURATION_DAYS);
        BigDecimal rate = Check.rate("interestRate", input.interestRate());
        String txHash = Check.txHash("txHash", input.txHash());
        Instant now = clock.instant();
        Pool pool = new Pool(address, issuer, total, total, ZERO, minimum, duration, rate, txHash, now, now);
        return idempotency.once(input.idempotencyKey(), caller.identity(), "createPool", input,
                () -> pools.existsById(address)
                        .flatMap(taken -> taken ? Mono.error(new ConflictException(ConflictException.Reason.DUPLICATE,
                                "A pool with this address already exists")) : pools.save(pool))
                        .flatMap(created -> announced(created.address()).thenReturn(created))
                        .onErrorMap(Conflicts.duplicateAs("A pool with this address already exists")),
                created -> Map.of("pool", created.address()),
                first -> find(first.get("pool")));
    }

    public Mono<Pool> find(String address) {
        return pools.findById(address)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No pool has the address " + address)));
    }

    /** Takes a loan's principal out of the pool, or fails if the pool cannot fund it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Mono<Void> withdraw(Pool pool, BigDecimal principal, Instant now) {
        return pools.withdraw(pool.address(), principal, now)
                .flatMap(updated -> updated == 1 ? announced(pool.address()) : Mono.error(new ConflictException(
                        ConflictException.Reason.INSUFFICIENT_POOL_BALANCE,
                        "The pool's current balance cannot fund this principal")));
    }

    /** Returns a repaid principal to the pool and books the interest as earned. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Mono<Void> repay(String poolAddress, BigDecimal principal, BigDecimal interest, Instant now) {
        return pools.repay(poolAddress, principal, interest, now).then(announced(poolAddress));
    }

    /** Tells subscribers of {@code poolUpdated}, once the transaction commits. */
    private Mono<Void> announced(String address) {
        return notices.announce(Change.Kind.POOL, Map.of("address", address));
    }

}
