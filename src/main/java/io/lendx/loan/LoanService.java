package io.lendx.loan;

import io.lendx.paging.Page;
import io.lendx.paging.PageRequest;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.time.Clock;

@Singleton
public class LoanService {

    private final LoanRepository loans;
    private final Clock clock;

    public LoanService(LoanRepository loans, Clock clock) {
        this.loans = loans;
        this.clock = clock;
    }

    public Mono<Page<Loan>> list(LoanFilter filter, PageRequest<Loan> page) {
        return loans.findPage(filter, clock.instant(), page);
    }

    public Mono<Long> count(LoanFilter filter) {
        return loans.countMatching(filter, clock.instant());
    }

    public boolean isOverdue(Loan loan) {
        return loan.isOverdueAt(clock.instant());
    }
}
