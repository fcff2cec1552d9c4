package io.lendx.support;

import io.lendx.application.ApplicationRepository;
import io.lendx.application.ApplicationState;
import io.lendx.application.LoanApplication;
import io.lendx.balance.MptBalance;
import io.lendx.balance.MptBalanceId;
import io.lendx.balance.MptBalanceRepository;
import io.lendx.cache.ResponseCache;
import io.lendx.loan.Loan;
import io.lendx.loan.LoanRepository;
import io.lendx.loan.LoanState;
import io.lendx.pool.Pool;
import io.lendx.pool.PoolRepository;
import io.lendx.user.User;
import io.lendx.user.UserRepository;
import io.lendx.validation.XrplAddress;
import jakarta.inject.Singleton;

import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Creates rows through the repositories. Every row gets a creation time one second after the
 * previous one, so the default (oldest first) order of a listing is the order of creation.
 */
@Singleton
public class Fixtures {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    /** Zero as NUMERIC(20,6) reads it back, so records compare equal after a round trip. */
    private static final BigDecimal NONE = new BigDecimal("0.000000");

    private final AtomicLong tick = new AtomicLong();
    private final UserRepository users;
    private final PoolRepository pools;
    private final ApplicationRepository applications;
    private final LoanRepository loans;
    private final MptBalanceRepository balances;
    private final ResponseCache cache;

    public Fixtures(UserRepository users, PoolRepository pools, ApplicationRepository applications,
                    LoanRepository loans, MptBalanceRepository balances, ResponseCache cache) {
        this.cache = cache;
        this.users = users;
        this.pools = pools;
        this.applications = applications;
        this.loans = loans;
        this.balances = balances;
    }

    public static String newAddress() {
        byte[] accountId = new byte[20];
        RANDOM.nextBytes(accountId);
        return XrplAddress.fromAccountId(accountId);
    }

    public static String newObjectId() {
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        return HexFormat.of().withUpperCase().formatHex(id);
    }

    public User user() {
        return user(null);
    }

    public User user(String did) {
        Instant at = nextInstant();
        return settled(users.save(new User(newAddress(), did, at, at)));
    }

    public Pool pool(User issuer) {
        return pool(issuer, new BigDecimal("100000.000000"), new BigDecimal("5.0000"));
    }

    public Pool pool(User issuer, BigDecimal total, BigDecimal interestRate) {
        Instant at = nextInstant();
        return settled(pools.save(new Pool(newObjectId(), issuer.address(), total, total, NONE,
                new BigDecimal("100.000000"), 30, interestRate, null, at, at)));
    }

    public LoanApplication application(User borrower, Pool pool, ApplicationState state) {
        Instant at = nextInstant();
        return settled(applications.save(new LoanApplication(newObjectId(), borrower.address(), pool.address(), state,
                new BigDecimal("1000.000000"), NONE, at, at.plus(Duration.ofDays(30)), null, at, at)));
    }

    public Loan loan(Pool pool, User borrower, LoanState state, Instant endDate) {
        return loan(pool, borrower, null, state, endDate);
    }

    public Loan loan(Pool pool, User borrower, LoanApplication application, LoanState state, Instant endDate) {
        Instant at = nextInstant();
        return settled(loans.save(new Loan(newObjectId(), pool.address(), borrower.address(), pool.issuerAddress(),
                application == null ? null : application.address(), new BigDecimal("1000.000000"),
                new BigDecimal("4.109589"), endDate.minus(Duration.ofDays(30)), endDate, state, null, at, at)));
    }

    public MptBalance balance(User holder, String mptId, BigDecimal amount, Instant syncedAt) {
        return settled(balances.save(new MptBalance(new MptBalanceId(holder.address(), mptId), amount, syncedAt)));
    }

    /**
     * Written, and its change notices applied to the response cache: a test's next read shows the
     * row, as a client's does after its own mutation.
     */
    private <T> T settled(Mono<T> write) {
        return write.flatMap(saved -> cache.heardCommittedWrites().thenReturn(saved)).block();
    }

    private Instant nextInstant() {
        return EPOCH.plus(tick.incrementAndGet(), ChronoUnit.SECONDS);
    }
}
