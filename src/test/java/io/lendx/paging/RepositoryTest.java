package io.lendx.paging;

import io.lendx.application.ApplicationRepository;
import io.lendx.application.ApplicationState;
import io.lendx.application.LoanApplication;
import io.lendx.balance.MptBalance;
import io.lendx.balance.MptBalanceRepository;
import io.lendx.loan.Loan;
import io.lendx.loan.LoanRepository;
import io.lendx.loan.LoanState;
import io.lendx.pool.Pool;
import io.lendx.pool.PoolRepository;
import io.lendx.support.DatabaseTest;
import io.lendx.support.Fixtures;
import io.lendx.user.User;
import io.lendx.user.UserRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every repository reads back exactly what it wrote, and its batch finders return only what was asked. */
@MicronautTest(transactional = false)
class RepositoryTest extends DatabaseTest {

    @Inject
    Fixtures fixtures;
    @Inject
    UserRepository users;
    @Inject
    PoolRepository pools;
    @Inject
    ApplicationRepository applications;
    @Inject
    LoanRepository loans;
    @Inject
    MptBalanceRepository balances;

    @Test
    void usersRoundTripAndBatchFinderReturnsOnlyTheAskedKeys() {
        User withDid = fixtures.user("did:xrpl:1:round-trip");
        User other = fixtures.user();
        fixtures.user();

        assertEquals(withDid, users.findById(withDid.address()).block());
        List<User> found = users.findByAddressIn(List.of(withDid.address(), other.address(), "rUnknown"))
                .collectList().block();
        assertEquals(Set.of(withDid, other), Set.copyOf(found));
    }

    @Test
    void poolsKeepExactDecimals() {
        Pool pool = fixtures.pool(fixtures.user(), new BigDecimal("12345678901234.123456"), new BigDecimal("99.9999"));
        Pool read = pools.findById(pool.address()).block();
        assertEquals(new BigDecimal("12345678901234.123456"), read.totalBalance());
        assertEquals(new BigDecimal("99.9999"), read.interestRate());
        assertEquals(List.of(pool), pools.findByAddressIn(List.of(pool.address())).collectList().block());
    }

    @Test
    void applicationsStoreTheirStateAsText() {
        User borrower = fixtures.user();
        LoanApplication application = fixtures.application(borrower, fixtures.pool(fixtures.user()),
                ApplicationState.REJECTED);
        LoanApplication read = applications.findById(application.address()).block();
        assertEquals(ApplicationState.REJECTED, read.state());
        assertEquals(application, read);
        assertEquals(List.of(application),
                applications.findByAddressIn(List.of(application.address())).collectList().block());
    }

    @Test
    void loansAreFoundByAddressAndByApplication() {
        User borrower = fixtures.user();
        Pool pool = fixtures.pool(fixtures.user());
        LoanApplication application = fixtures.application(borrower, pool, ApplicationState.APPROVED);
        Loan fromApplication = fixtures.loan(pool, borrower, application, LoanState.PAID,
                Instant.parse("2026-06-01T00:00:00Z"));
        Loan direct = fixtures.loan(pool, borrower, LoanState.ONGOING, Instant.parse("2026-06-01T00:00:00Z"));

        assertEquals(Set.of(fromApplication, direct),
                Set.copyOf(loans.findByAddressIn(List.of(fromApplication.address(), direct.address()))
                        .collectList().block()));
        assertEquals(List.of(fromApplication),
                loans.findByApplicationAddressIn(List.of(application.address())).collectList().block());
    }

    @Test
    void balancesAreFoundByHolderInTokenOrder() {
        User holder = fixtures.user();
        User other = fixtures.user();
        Instant synced = Instant.parse("2026-03-01T10:00:00Z");
        MptBalance second = fixtures.balance(holder, "BBB", new BigDecimal("2.500000"), synced);
        MptBalance first = fixtures.balance(holder, "AAA", new BigDecimal("0.000001"), synced);
        fixtures.balance(other, "AAA", BigDecimal.ONE, synced);

        List<MptBalance> found = balances.findByIdUserAddressInOrderByIdMptId(List.of(holder.address()))
                .collectList().block();
        assertEquals(List.of(first, second), found);
        assertTrue(found.stream().allMatch(b -> b.userAddress().equals(holder.address())));
    }
}
