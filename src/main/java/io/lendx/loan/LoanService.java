package io.lendx.loan;

import io.lendx.subscription.ChangeNotices;
import io.lendx.subscription.Change;
import io.lendx.application.ApplicationService;
import io.lendx.application.LoanApplication;
import io.lendx.auth.Caller;
import io.lendx.auth.Callers;
import io.lendx.error.ConflictException;
import io.lendx.error.ConflictException.Reason;
import io.lendx.error.Conflicts;
import io.lendx.error.ForbiddenException;
import io.lendx.error.NotFoundException;
import io.lendx.idempotency.Idempotency;
import io.lendx.pool.Pool;
import io.lendx.pool.PoolService;
import io.lendx.validation.Check;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The loan state machine: opened by an approval, then ONGOING → PAID | DEFAULTED. */
@Singleton
public class LoanService {

    private final LoanRepository loans;
    private final ApplicationService applications;
    private final PoolService pools;
    private final Idempotency idempotency;
    private final Clock clock;
    private final ChangeNotices notices;

    public LoanService(LoanRepository loans, ApplicationService applications, PoolService pools,
                       Idempotency idempotency, Clock clock, ChangeNotices notices) {
        this.loans = loans;
        this.applications = applications;
        this.pools = pools;
        this.idempotency = idempotency;
        this.clock = clock;
        this.notices = notices;
    }

    /**
     * Approves a PENDING application and opens its loan in one transaction: the application
     * changes state, the pool's liquidity is taken with one conditional UPDATE, the loan is
     * written. If any step fails, none happened.
     */
    @Transactional
    public Mono<ApproveApplicationPayload> approve(Caller caller, ApproveApplicationInput input) {
        String issuer = Callers.requireUser(caller);
        String applicationAddress = Check.objectAddress("applicationAddress", input.applicationAddress());
        String loanAddress = Check.objectAddressOrNew("loanAddress", input.loanAddress());
        String txHash = Check.txHash("txHash", input.txHash());
        Instant now = clock.instant();
        return idempotency.once(input.idempotencyKey(), caller.identity(), "approveApplication", input,
                () -> loans.existsById(loanAddress)
                        .flatMap(taken -> taken ? Mono.error(new ConflictException(Reason.DUPLICATE,
                                "A loan with this address already exists")) : applications.approve(applicationAddress,
                                issuer, now))
                        .flatMap(decision -> pools.withdraw(decision.pool(), decision.application().principal(), now)
                                .then(loans.save(open(loanAddress, decision.application(), decision.pool(), txHash, now)))
                                .flatMap(this::announced)
                                .map(loan -> new ApproveApplicationPayload(decision.application(), loan)))
                        .onErrorMap(Conflicts.duplicateAs("A loan with this address already exists")),
                approved -> Map.of("application", approved.application().address(), "loan", approved.loan().address()),
                first -> applications.find(first.get("application")).zipWith(find(first.get("loan")),
                        ApproveApplicationPayload::new));
    }

    /** The borrower repays in full: ONGOING → PAID, principal back to the pool, interest earned. */
    @Transactional
    public Mono<Loan> repay(Caller caller, RepayLoanInput input) {
        String borrower = Callers.requireUser(caller);
        String address = Check.objectAddress("loanAddress", input.loanAddress());
        Instant now = clock.instant();
        return idempotency.once(input.idempotencyKey(), caller.identity(), "repayLoan", input,
                () -> find(address)
                        .flatMap(loan -> {
                            if (!loan.borrowerAddress().equals(borrower)) {
                                return Mono.error(new ForbiddenException("Only the borrower may repay a loan"));
                            }
                            return loans.markPaid(address, now).flatMap(updated -> updated == 1
                                    ? pools.repay(loan.poolAddress(), loan.principal(), loan.interest(), now)
                                    .then(find(address)).flatMap(this::announced)
                                    : Mono.error(notOngoing()));
                        }),
                repaid -> Map.of("loan", repaid.address()),
                first -> find(first.get("loan")));
    }

    /** The lender declares a loan past its end date defaulted: ONGOING → DEFAULTED. */
    @Transactional
    public Mono<Loan> markDefaulted(Caller caller, MarkLoanDefaultedInput input) {
        String lender = Callers.requireUser(caller);
        String address = Check.objectAddress("loanAddress", input.loanAddress());
        Instant now = clock.instant();
        return idempotency.once(input.idempotencyKey(), caller.identity(), "markLoanDefaulted", input,
                () -> find(address)
                        .flatMap(loan -> {
                            if (!loan.lenderAddress().equals(lender)) {
                                return Mono.error(new ForbiddenException("Only the lender may mark a loan defaulted"));
                            }
                            if (loan.state() == LoanState.ONGOING && !now.isAfter(loan.endDate())) {
                                return Mono.error(new ConflictException(Reason.INVALID_STATE_TRANSITION,
                                        "The loan is not past its end date"));
                            }
                            return loans.markDefaulted(address, now)
                                    .flatMap(updated -> updated == 1 ? find(address).flatMap(this::announced)
                                            : Mono.error(notOngoing()));
                        }),
                defaulted -> Map.of("loan", defaulted.address()),
                first -> find(first.get("loan")));
    }

    public Mono<Loan> find(String address) {
        return loans.findById(address)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No loan has the address " + address)));
    }

    /** Tells subscribers of {@code loanUpdated}, once the transaction commits. */
    private Mono<Loan> announced(Loan loan) {
        return notices.announce(Change.Kind.LOAN, Map.of("address", loan.address(), "poolAddress",
                loan.poolAddress(), "borrowerAddress", loan.borrowerAddress(), "lenderAddress", loan.lenderAddress()))
                .thenReturn(loan);
    }

    private static Loan open(String address, LoanApplication application, Pool pool, String txHash, Instant now) {
        return new Loan(address, pool.address(), application.borrowerAddress(), pool.issuerAddress(),
                application.address(), application.principal(),
                Interest.of(application.principal(), pool.interestRate(), pool.durationDays()),
                now, now.plus(Duration.ofDays(pool.durationDays())), LoanState.ONGOING, txHash, now, now);
    }

    private static ConflictException notOngoing() {
        return new ConflictException(Reason.INVALID_STATE_TRANSITION, "Only an ONGOING loan can change state");
    }

    /** The service's time, for a request that reads it once ({@code RequestTime}). */
    public Instant now() {
        return clock.instant();
    }
}
