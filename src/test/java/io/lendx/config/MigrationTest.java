package io.lendx.config;

import io.lendx.support.DatabaseTest;
import io.lendx.support.Fixtures;
import io.lendx.pool.Pool;
import io.lendx.user.User;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The database itself refuses rows that break the marketplace's rules, whoever writes them. */
@MicronautTest(transactional = false)
class MigrationTest extends DatabaseTest {

    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String CHECK_VIOLATION = "23514";

    @Inject
    Fixtures fixtures;

    @Test
    void flywayCreatesTheMarketplaceTablesAtStartUp() throws SQLException {
        List<String> tables = strings("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history' ORDER BY table_name");
        assertEquals(List.of("api_keys", "applications", "audit_events", "idempotency_keys", "loans", "pools",
                "sign_in_challenges", "user_mpt_balances", "users"), tables);
    }

    @Test
    void moneyIsNumeric20Scale6AndTimesAreTimestamptz() throws SQLException {
        List<String> money = strings("SELECT table_name || '.' || column_name FROM information_schema.columns "
                + "WHERE table_schema = 'public' AND data_type = 'numeric' "
                + "AND NOT (numeric_precision = 20 AND numeric_scale = 6) ORDER BY 1");
        assertEquals(List.of("pools.interest_rate"), money, "only the rate is not a money column");
        List<String> times = strings("SELECT table_name || '.' || column_name FROM information_schema.columns "
                + "WHERE table_schema = 'public' AND data_type LIKE 'timestamp%' "
                + "AND data_type <> 'timestamp with time zone' AND table_name <> 'flyway_schema_history'");
        assertEquals(List.of(), times);
    }

    @Test
    void everyForeignKeyColumnLeadsAnIndex() throws SQLException {
        List<String> unindexed = strings("""
                SELECT c.conrelid::regclass || '.' || a.attname
                FROM pg_constraint c
                JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                WHERE c.contype = 'f' AND NOT EXISTS (
                    SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1])
                """);
        assertEquals(List.of(), unindexed);
        List<String> indexed = strings("SELECT tablename || '(' || indexdef || ')' FROM pg_indexes "
                + "WHERE indexname IN ('applications_state_idx', 'loans_state_idx', 'user_mpt_balances_mpt_id_idx')");
        assertEquals(3, indexed.size(), () -> "state and mpt_id indexes: " + indexed);
    }

    @Test
    void aPoolOfAnUnknownIssuerIsRefused() {
        SQLException refused = assertThrows(SQLException.class, () -> execute(
                "INSERT INTO pools (pool_address, issuer_address, total_balance, current_balance, minimum_loan,"
                        + " duration_days, interest_rate, created_at, updated_at) VALUES ('P1', "
                        + "'rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh', 10, 10, 1, 30, 5, now(), now())"));
        assertEquals(FOREIGN_KEY_VIOLATION, refused.getSQLState());
    }

    @Test
    void aDuplicateDidIsRefused() {
        User first = fixtures.user("did:xrpl:1:duplicate");
        SQLException refused = assertThrows(SQLException.class, () -> execute(
                "INSERT INTO users (address, did, created_at, updated_at) VALUES ('"
                        + Fixtures.newAddress() + "', '" + first.did() + "', now(), now())"));
        assertEquals(UNIQUE_VIOLATION, refused.getSQLState());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "UPDATE pools SET current_balance = total_balance + 1 WHERE pool_address = '%s'",
            "UPDATE pools SET current_balance = -1 WHERE pool_address = '%s'",
            "UPDATE pools SET total_balance = 0, current_balance = 0 WHERE pool_address = '%s'",
            "UPDATE pools SET minimum_loan = total_balance + 1 WHERE pool_address = '%s'",
            "UPDATE pools SET duration_days = 0 WHERE pool_address = '%s'",
            "UPDATE pools SET duration_days = 3651 WHERE pool_address = '%s'",
            "UPDATE pools SET interest_rate = 100.0001 WHERE pool_address = '%s'",
            "UPDATE pools SET interest_rate = -0.0001 WHERE pool_address = '%s'",
            "UPDATE pools SET tx_hash = 'not-a-hash' WHERE pool_address = '%s'",
    })
    void poolRulesAreChecked(String update) {
        Pool pool = fixtures.pool(fixtures.user());
        SQLException refused = assertThrows(SQLException.class, () -> execute(update.formatted(pool.address())));
        assertEquals(CHECK_VIOLATION, refused.getSQLState());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "UPDATE applications SET state = 'LOST' WHERE pool_address = '%s'",
            "UPDATE applications SET principal = 0 WHERE pool_address = '%s'",
            "UPDATE applications SET offered_collateral = -1 WHERE pool_address = '%s'",
            "UPDATE applications SET dissolution_date = application_date WHERE pool_address = '%s'",
            "UPDATE loans SET state = 'PENDING' WHERE pool_address = '%s'",
            "UPDATE loans SET principal = -5 WHERE pool_address = '%s'",
            "UPDATE loans SET interest = -0.000001 WHERE pool_address = '%s'",
            "UPDATE loans SET end_date = start_date WHERE pool_address = '%s'",
    })
    void applicationAndLoanRulesAreChecked(String update) {
        User issuer = fixtures.user();
        User borrower = fixtures.user();
        Pool pool = fixtures.pool(issuer);
        fixtures.loan(pool, borrower, fixtures.application(borrower, pool,
                io.lendx.application.ApplicationState.APPROVED), io.lendx.loan.LoanState.ONGOING,
                java.time.Instant.parse("2027-01-01T00:00:00Z"));
        SQLException refused = assertThrows(SQLException.class, () -> execute(update.formatted(pool.address())));
        assertEquals(CHECK_VIOLATION, refused.getSQLState());
    }

    @Test
    void aNegativeBalanceIsRefused() {
        User holder = fixtures.user();
        SQLException refused = assertThrows(SQLException.class, () -> execute(
                "INSERT INTO user_mpt_balances (user_address, mpt_id, balance, last_synced_at) VALUES ('"
                        + holder.address() + "', 'ABC', -1, now())"));
        assertEquals(CHECK_VIOLATION, refused.getSQLState());
    }

    @Test
    void aLoanCanComeFromOneApplicationOnly() {
        User borrower = fixtures.user();
        Pool pool = fixtures.pool(fixtures.user());
        var application = fixtures.application(borrower, pool, io.lendx.application.ApplicationState.APPROVED);
        fixtures.loan(pool, borrower, application, io.lendx.loan.LoanState.ONGOING,
                java.time.Instant.parse("2027-01-01T00:00:00Z"));
        RuntimeException refused = assertThrows(RuntimeException.class, () -> fixtures.loan(pool, borrower,
                application, io.lendx.loan.LoanState.ONGOING, java.time.Instant.parse("2027-01-01T00:00:00Z")));
        assertTrue(String.valueOf(refused.getMessage()).contains("duplicate key")
                || String.valueOf(refused.getCause()).contains("duplicate key"), refused::toString);
    }
}
