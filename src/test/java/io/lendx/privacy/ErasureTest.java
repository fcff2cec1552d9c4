package io.lendx.privacy;

import io.lendx.application.ApplicationState;
import io.lendx.loan.LoanState;
import io.lendx.pool.Pool;
import io.lendx.support.Actors;
import io.lendx.support.DatabaseTest;
import io.lendx.support.Fixtures;
import io.lendx.support.GraphQLClient;
import io.lendx.user.User;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** eraseUser against the real database: what goes, what stays, and when it is refused. */
@MicronautTest(transactional = false)
class ErasureTest extends DatabaseTest {

    private static final String ERASE = "mutation($a: String!) { eraseUser(input: {address: $a}) { address erasedAt } }";

    @Inject
    Fixtures fixtures;
    @Inject
    GraphQLClient graphql;

    @Test
    void erasureLeavesNoTraceOfTheDidKeysOrBalancesInAnyTable() {
        String did = "did:web:erase-me-" + System.nanoTime() + ".example";
        User user = fixtures.user(did);
        fixtures.balance(user, "AAA", new BigDecimal("12.5"), Instant.now());
        String key = issueKey(user.address());
        String pool = graphql.mutation("pool/CreatePool", Map.of("totalBalance", "1000", "minimumLoan", "100",
                "durationDays", 30, "interestRate", "5", "idempotencyKey", "erase-pool"), key)
                .data("createPool.pool.address");
        graphql.operation("auth/RequestSignInChallenge", Map.of("address", user.address()));
        List<String> keyHashes = strings("SELECT key_hash FROM api_keys WHERE user_address = '" + user.address() + "'");

        Map<String, Object> erased = graphql.send(ERASE, Map.of("a", user.address()), key).data("eraseUser");

        assertEquals(user.address(), erased.get("address"));
        for (String trace : new ArrayList<>(List.of(did, "erase-pool"))) {
            assertEquals(List.of(), tablesContaining(trace), "no table holds " + trace);
        }
        for (String hash : keyHashes) {
            assertEquals(List.of(), tablesContaining(hash), "no table holds a key hash");
        }
        assertEquals(0L, count("SELECT count(*) FROM user_mpt_balances WHERE user_address = ?", user.address()));
        assertEquals(0L, count("SELECT count(*) FROM sign_in_challenges WHERE address = ?", user.address()));
        assertEquals(1L, count("SELECT count(*) FROM users WHERE address = ? AND did IS NULL", user.address()),
                "the address stays: others' records name it");
        assertEquals(1L, count("SELECT count(*) FROM pools WHERE pool_address = ? AND issuer_address = ?", pool,
                user.address()));
        graphql.send("{ viewer { address } }", Map.of(), key).singleError("UNAUTHENTICATED");
        assertEquals(1L, count("SELECT count(*) FROM audit_events WHERE action = 'eraseUser' AND target = ?"
                + " AND outcome = 'SUCCESS'", user.address()), "audited, without the erased data");
    }

    @Test
    void anOngoingLoanOrAPendingApplicationRefusesErasureAndChangesNothing() {
        User borrower = fixtures.user("did:web:busy.example");
        Pool pool = fixtures.pool(fixtures.user());
        fixtures.loan(pool, borrower, LoanState.ONGOING, Instant.now().plusSeconds(86_400));
        User applicant = fixtures.user("did:web:waiting.example");
        fixtures.application(applicant, pool, ApplicationState.PENDING);

        for (User user : new User[]{borrower, applicant}) {
            graphql.send(ERASE, Map.of("a", user.address()), Actors.ADMIN_KEY)
                    .singleError("CONFLICT", "ACTIVE_OBLIGATIONS");
            assertEquals(1L, count("SELECT count(*) FROM users WHERE address = ? AND did IS NOT NULL",
                    user.address()));
        }
    }

    @Test
    void onlyTheUserThemselfOrAnAdminMayEraseAndTwiceIsFine() {
        User user = fixtures.user("did:web:twice.example");
        String someoneElse = issueKey(fixtures.user().address());

        graphql.send(ERASE, Map.of("a", user.address()), someoneElse).singleError("FORBIDDEN");
        assertEquals(1L, count("SELECT count(*) FROM users WHERE address = ? AND did IS NOT NULL", user.address()));

        for (int i = 0; i < 2; i++) {
            Map<String, Object> erased = graphql.send(ERASE, Map.of("a", user.address()), Actors.ADMIN_KEY)
                    .data("eraseUser");
            assertEquals(user.address(), erased.get("address"));
        }
        graphql.send(ERASE, Map.of("a", Fixtures.newAddress()), Actors.ADMIN_KEY).singleError("NOT_FOUND");
    }

    private String issueKey(String address) {
        return graphql.mutation("auth/CreateApiKey", Map.of("userAddress", address), Actors.ADMIN_KEY)
                .data("createApiKey.apiKey");
    }

    /** Every table.column of the public schema whose text holds {@code value}. */
    private List<String> tablesContaining(String value) {
        List<String> found = new ArrayList<>();
        for (String column : strings("SELECT table_name || '.' || column_name FROM information_schema.columns"
                + " WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character')")) {
            String[] parts = column.split("\\.");
            if (count("SELECT count(*) FROM " + parts[0] + " WHERE " + parts[1] + " LIKE ?", "%" + value + "%") > 0) {
                found.add(column);
            }
        }
        return found;
    }
}
