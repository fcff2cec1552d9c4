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

/**
 * Every repository reads back exactly what it wrote; the tables' row mappers, generated from the
 * entity records, read the same entities as Micronaut Data, and batch finds return only what was
 * asked.
 */
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
    @Inject
    KeysetQueries keyset;

    @Test
    void usersRoundTripAndBatchFinderReturnsOnlyTheAskedKeys() {
        User withDid = fixtures.user("did:xrpl:1:round-trip");
        User other = fixtures.user();
        fixtures.user();

        assertEquals(withDid, users.findById(withDid.address()).block());
        List<User> found = keyset.findWhereIn(UserRepository.TABLE, "address",
                List.of(withDid.address(), other.address(), "rUnknown"), Projection.ALL).block();
        assertEquals(Set.of(withDid, other), Set.copyOf(found));
    }

    @Test
    void poolsKeepExactDecimals() {
        Pool pool = fixtures.pool(fixtures.user(), new BigDecimal("12345678901234.123456"), new BigDecimal("99.9999"));
        Pool read = pools.findById(pool.address()).block();
        assertEquals(new BigDecimal("12345678901234.123456"), read.totalBalance());
        assertEquals(new BigDecimal("99.9999"), read.interestRate());
        assertEquals(List.of(pool), keyset.findWhereIn(PoolRepository.TABLE, "pool_address", List.of(pool.address()),
                Projection.ALL).block());
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
                keyset.findWhereIn(ApplicationRepository.TABLE, "application_address", List.of(application.address()),
                        Projection.ALL).block());
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
                Set.copyOf(keyset.findWhereIn(LoanRepository.TABLE, "loan_address",
                        List.of(fromApplication.address(), direct.address()), Projection.ALL).block()));
        assertEquals(List.of(fromApplication), keyset.findWhereIn(LoanRepository.TABLE, "application_address",
                List.of(application.address()), Projection.ALL).block());
        assertEquals(fromApplication, loans.findById(fromApplication.address()).block());
    }

    @Test
    void aProjectedReadFillsTheAskedFieldsAndLeavesTheRestNull() {
        User borrower = fixtures.user();
        Loan loan = fixtures.loan(fixtures.pool(fixtures.user()), borrower, LoanState.ONGOING,
                Instant.parse("2026-06-01T00:00:00Z"));

        Loan read = keyset.findWhereIn(LoanRepository.TABLE, "loan_address", List.of(loan.address()),
                LoanRepository.TABLE.projection(Set.of("totalAmountDue"))).block().get(0);

        assertEquals(new Loan(loan.address(), loan.poolAddress(), loan.borrowerAddress(), loan.lenderAddress(),
                loan.applicationAddress(), loan.principal(), loan.interest(), null, null, loan.state(), null,
                null, null), read);
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
