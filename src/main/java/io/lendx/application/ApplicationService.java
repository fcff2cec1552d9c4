package io.lendx.application;

import io.lendx.subscription.ChangeNotices;
import io.lendx.subscription.Change;
import io.lendx.auth.Caller;
import io.lendx.auth.Callers;
import io.lendx.error.BadUserInputException;
import io.lendx.error.ConflictException;
import io.lendx.error.ConflictException.Reason;
import io.lendx.error.Conflicts;
import io.lendx.error.ForbiddenException;
import io.lendx.error.NotFoundException;
import io.lendx.idempotency.Idempotency;
import io.lendx.jobs.Job;
import io.lendx.jobs.OneInstanceAtATime;
import io.lendx.pool.Pool;
import io.lendx.pool.PoolService;
import io.lendx.validation.Check;
import io.micronaut.transaction.TransactionDefinition.Propagation;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The application state machine: PENDING → APPROVED | REJECTED | EXPIRED. */
@Singleton
public class ApplicationService {

    static final Duration DEFAULT_DISSOLUTION = Duration.ofDays(30);
    private static final BigDecimal NO_COLLATERAL = new BigDecimal("0.000000");

    private final ApplicationRepository applications;
    private final PoolService pools;
    private final Idempotency idempotency;
    private final Clock clock;
    private final ChangeNotices notices;
    private final OneInstanceAtATime rounds;

    public ApplicationService(ApplicationRepository applications, PoolService pools, Idempotency idempotency,
                              Clock clock, ChangeNotices notices, OneInstanceAtATime rounds) {
        this.applications = applications;
        this.pools = pools;
        this.idempotency = idempotency;
        this.clock = clock;
        this.notices = notices;
        this.rounds = rounds;
    }

    public Mono<LoanApplication> find(String address) {
        return applications.findById(address)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No application has the address " + address)));
    }

    @Transactional
    public Mono<LoanApplication> submit(Caller caller, SubmitApplicationInput input) {
        String borrower = Callers.requireUser(caller);
        String address = Check.objectAddressOrNew("applicationAddress", input.applicationAddress());
        String poolAddress = Check.objectAddress("poolAddress", input.poolAddress());
        BigDecimal principal = Check.positive("principal", input.principal());
        BigDecimal collateral = input.offeredCollateral() == null ? NO_COLLATERAL
                : Check.notNegative("offeredCollateral", input.offeredCollateral());
        String txHash = Check.txHash("txHash", input.txHash());
        Instant now = clock.instant();
        Instant dissolution = input.dissolutionDate() == null ? now.plus(DEFAULT_DISSOLUTION) : input.dissolutionDate();
        if (!dissolution.isAfter(now)) {
            throw new BadUserInputException("dissolutionDate must be in the future");
        }
        LoanApplication application = new LoanApplication(address, borrower, poolAddress,
                ApplicationState.PENDING, principal, collateral, now, dissolution, txHash, now, now);
        return idempotency.once(input.idempotencyKey(), caller.identity(), "submitApplication", input,
                () -> pools.find(poolAddress)
                        .flatMap(pool -> checkFundable(pool, borrower, principal))
                        .then(applications.existsById(address))
                        .flatMap(taken -> taken ? Mono.error(duplicate()) : applications.save(application))
                        .flatMap(this::announced)
                        .onErrorMap(Conflicts.duplicateAs("An application with this address already exists")),
                submitted -> Map.of("application", submitted.address()),
                first -> find(first.get("application")));
    }

    @Transactional
    public Mono<LoanApplication> reject(Caller caller, RejectApplicationInput input) {
        String issuer = Callers.requireUser(caller);
        String address = Check.objectAddress("applicationAddress", input.applicationAddress());
        return idempotency.once(input.idempotencyKey(), caller.identity(), "rejectApplication", input,
                () -> decidable(address, issuer)
                        .flatMap(application -> applications.reject(address, clock.instant()))
                        .flatMap(updated -> updated == 1 ? find(address) : Mono.error(notPending()))
                        .flatMap(this::announced),
                rejected -> Map.of("application", rejected.address()),
                first -> find(first.get("application")));
    }

    /**
     * The issuer's side of an approval: PENDING → APPROVED, inside the approval's transaction.
     * Returns the pool, whose liquidity the loan will take.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Mono<Decision> approve(String address, String issuer, Instant now) {
        return decidable(address, issuer).flatMap(decision -> {
            if (!decision.application().dissolutionDate().isAfter(now)) {
                return Mono.error(new ConflictException(Reason.INVALID_STATE_TRANSITION,
                        "The application is past its dissolution date"));
            }
            return applications.approve(address, now)
                    .flatMap(updated -> updated == 1 ? find(address) : Mono.error(notPending()))
                    .flatMap(this::announced)
                    .map(approved -> new Decision(approved, decision.pool()));
        });
    }

    /** Tells subscribers of {@code applicationUpdated}, once the transaction commits. */
    private Mono<LoanApplication> announced(LoanApplication application) {
        return notices.announce(Change.Kind.APPLICATION, Map.of("address", application.address(),
                "poolAddress", application.poolAddress(), "borrowerAddress", application.borrowerAddress()))
                .thenReturn(application);
    }

    /** An application and its pool, as read in the deciding transaction. */
    public record Decision(LoanApplication application, Pool pool) {
    }

    /**
     * Turns PENDING applications past their dissolution date into EXPIRED and emits how many;
     * emits nothing when another instance holds this round, so every instance may schedule it.
     */
    public Mono<Long> expirePending() {
        return rounds.run(Job.APPLICATION_EXPIRY, connection -> {
            Instant now = clock.instant();
            // An UPDATE of no rows still announces a change of the table: every instance's cached
            // answers about applications, and the replica's cache-fill watermark, would move for nothing.
            return applications.anyDue(now).flatMap(due -> due ? applications.expirePending(now) : Mono.just(0L));
        }).singleOrEmpty();
    }

    private Mono<Decision> decidable(String address, String issuer) {
        return find(address).flatMap(application -> pools.find(application.poolAddress()).flatMap(pool -> {
            if (!pool.issuerAddress().equals(issuer)) {
                return Mono.error(new ForbiddenException("Only the pool's issuer may decide on its applications"));
            }
            if (application.state() != ApplicationState.PENDING) {
                return Mono.error(notPending());
            }
            return Mono.just(new Decision(application, pool));
        }));
    }

    private static Mono<Void> checkFundable(Pool pool, String borrower, BigDecimal principal) {
        if (pool.issuerAddress().equals(borrower)) {
            return Mono.error(new ForbiddenException("The issuer of a pool cannot borrow from it"));
        }
        if (principal.compareTo(pool.minimumLoan()) < 0) {
            return Mono.error(new BadUserInputException("principal is below the pool's minimum loan of "
                    + pool.minimumLoan().toPlainString()));
        }
        if (principal.compareTo(pool.currentBalance()) > 0) {
            return Mono.error(new ConflictException(Reason.INSUFFICIENT_POOL_BALANCE,
                    "principal exceeds the pool's current balance of " + pool.currentBalance().toPlainString()));
        }
        return Mono.empty();
    }

    private static ConflictException notPending() {
        return new ConflictException(Reason.INVALID_STATE_TRANSITION, "Only a PENDING application can be decided");
    }

    private static ConflictException duplicate() {
        return new ConflictException(Reason.DUPLICATE, "An application with this address already exists");
    }
}
