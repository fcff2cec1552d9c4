package io.lendx.balance;

import io.lendx.support.Actors;
import io.lendx.support.Actors.Actor;
import io.lendx.support.DatabaseTest;
import io.lendx.support.Fixtures;
import io.lendx.support.GraphQLClient;
import io.lendx.support.GraphQLResponse;
import io.lendx.support.MutableClock;
import io.lendx.support.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.lendx.support.Actors.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

@MicronautTest(transactional = false)
class UpdateMptBalanceTest extends DatabaseTest {

    private static final String XRPL_ALPHABET = "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz";

    @Inject
    GraphQLClient graphql;
    @Inject
    Actors actors;
    @Inject
    MutableClock clock;

    @Test
    void theAdminRecordsABalanceSyncedNow() throws SQLException {
        Actor holder = actors.register();
        String mptId = Fixtures.newObjectId();
        Instant now = clock.instant();

        GraphQLResponse response = update(holder.address(), mptId, "1500.25", Actors.ADMIN_KEY);

        assertEquals(mptId, response.data("updateMptBalance.mptBalance.mptId"));
        assertEquals("1500.250000", response.data("updateMptBalance.mptBalance.balance"));
        assertEquals(now, Instant.parse(response.data("updateMptBalance.mptBalance.lastSyncedAt")));
        assertEquals(false, response.data("updateMptBalance.mptBalance.isStale"));
        assertEquals(holder.address(), response.data("updateMptBalance.mptBalance.user.address"));

        List<Map<String, Object>> stored = balancesOf(holder, 300);
        assertEquals(1, stored.size());
        assertEquals(mptId, stored.get(0).get("mptId"));
        assertEquals("1500.250000", stored.get(0).get("balance"));
        assertEquals(now, Instant.parse((String) stored.get(0).get("lastSyncedAt")));
        assertEquals(1, rows(holder.address(), mptId));
    }

    @Test
    void anUpdateReplacesTheBalanceAndMovesTheSyncTime() throws SQLException {
        Actor holder = actors.register();
        String mptId = Fixtures.newObjectId();
        Instant firstSync = clock.instant();
        update(holder.address(), mptId, "1500.25", Actors.ADMIN_KEY).data("updateMptBalance.mptBalance");
        clock.advance(Duration.ofMinutes(10));
        assertEquals(true, balancesOf(holder, 300).get(0).get("isStale"));
        Instant secondSync = clock.instant();

        GraphQLResponse response = update(holder.address(), mptId, "20", Actors.ADMIN_KEY);

        assertEquals("20.000000", response.data("updateMptBalance.mptBalance.balance"));
        assertEquals(secondSync, Instant.parse(response.data("updateMptBalance.mptBalance.lastSyncedAt")));
        assertNotEquals(firstSync, secondSync);
        assertEquals(false, response.data("updateMptBalance.mptBalance.isStale"));
        List<Map<String, Object>> stored = balancesOf(holder, 300);
        assertEquals(1, stored.size());
        assertEquals("20.000000", stored.get(0).get("balance"));
        assertEquals(secondSync, Instant.parse((String) stored.get(0).get("lastSyncedAt")));
        assertEquals(false, stored.get(0).get("isStale"));
        assertEquals(1, rows(holder.address(), mptId));
    }

    @Test
    void balancesOfDifferentTokensAreSeparateRows() throws SQLException {
        Actor holder = actors.register();
        String first = "A" + Fixtures.newObjectId().substring(0, 10);
        String second = "B" + Fixtures.newObjectId().substring(0, 10);

        update(holder.address(), first, "1", Actors.ADMIN_KEY).data("updateMptBalance.mptBalance");
        update(holder.address(), second, "0", Actors.ADMIN_KEY).data("updateMptBalance.mptBalance");

        List<Map<String, Object>> stored = balancesOf(holder, 300);
        assertEquals(List.of(first, second), stored.stream().map(b -> b.get("mptId")).toList());
        assertEquals(List.of("1.000000", "0.000000"), stored.stream().map(b -> b.get("balance")).toList());
        assertEquals(1, rows(holder.address(), first));
        assertEquals(1, rows(holder.address(), second));
    }

    @Test
    void aNegativeBalanceIsBadInputAndChangesNothing() {
        Actor holder = actors.register();
        String mptId = Fixtures.newObjectId();
        Instant synced = clock.instant();
        update(holder.address(), mptId, "7", Actors.ADMIN_KEY).data("updateMptBalance.mptBalance");
        clock.advance(Duration.ofSeconds(5));

        update(holder.address(), mptId, "-0.000001", Actors.ADMIN_KEY).singleError("BAD_USER_INPUT");
        update(holder.address(), mptId, "1.0000001", Actors.ADMIN_KEY).singleError("BAD_USER_INPUT");
        update(holder.address(), mptId, "1e3", Actors.ADMIN_KEY).singleError("BAD_USER_INPUT");

        assertUnchanged(holder, mptId, "7.000000", synced);
    }

    @Test
    void anUnregisteredUserIsNotFound() throws SQLException {
        String stranger = Fixtures.newAddress();
        String mptId = Fixtures.newObjectId();

        update(stranger, mptId, "5", Actors.ADMIN_KEY).singleError("NOT_FOUND");

        assertEquals(0, rows(stranger, mptId));
    }

    @Test
    void aMalformedUserAddressIsBadInput() throws SQLException {
        String address = Fixtures.newAddress();
        char last = address.charAt(address.length() - 1);
        String badChecksum = address.substring(0, address.length() - 1)
                + XRPL_ALPHABET.charAt((XRPL_ALPHABET.indexOf(last) + 1) % XRPL_ALPHABET.length());
        String mptId = Fixtures.newObjectId();

        update(badChecksum, mptId, "5", Actors.ADMIN_KEY).singleError("BAD_USER_INPUT");
        update("not-an-address", mptId, "5", Actors.ADMIN_KEY).singleError("BAD_USER_INPUT");

        assertEquals(0, rows(badChecksum, mptId));
    }

    @Test
    void aMalformedMptIdIsBadInputAndChangesNothing() {
        Actor holder = actors.register();
        String mptId = Fixtures.newObjectId();
        Instant synced = clock.instant();
        update(holder.address(), mptId, "7", Actors.ADMIN_KEY).data("updateMptBalance.mptBalance");
        clock.advance(Duration.ofSeconds(5));

        update(holder.address(), "bad-id!", "8", Actors.ADMIN_KEY).singleError("BAD_USER_INPUT");
        update(holder.address(), "A".repeat(67), "8", Actors.ADMIN_KEY).singleError("BAD_USER_INPUT");
        update(holder.address(), "", "8", Actors.ADMIN_KEY).singleError("BAD_USER_INPUT");

        assertUnchanged(holder, mptId, "7.000000", synced);
    }

    @Test
    void aUserKeyIsForbiddenEvenForItsOwnBalance() {
        Actor holder = actors.register();
        Actor other = actors.register();
        String mptId = Fixtures.newObjectId();
        Instant synced = clock.instant();
        update(holder.address(), mptId, "7", Actors.ADMIN_KEY).data("updateMptBalance.mptBalance");
        clock.advance(Duration.ofSeconds(5));

        update(holder.address(), mptId, "8", holder.apiKey()).singleError("FORBIDDEN");
        update(holder.address(), mptId, "8", other.apiKey()).singleError("FORBIDDEN");

        assertUnchanged(holder, mptId, "7.000000", synced);
    }

    @Test
    void anAnonymousCallerIsUnauthenticated() {
        Actor holder = actors.register();
        String mptId = Fixtures.newObjectId();
        Instant synced = clock.instant();
        update(holder.address(), mptId, "7", Actors.ADMIN_KEY).data("updateMptBalance.mptBalance");
        clock.advance(Duration.ofSeconds(5));

        update(holder.address(), mptId, "8", null).singleError("UNAUTHENTICATED");

        assertUnchanged(holder, mptId, "7.000000", synced);
    }

    @Test
    void anAdminKeyIssuedToAUserMayUpdateBalances() {
        Actor operator = actors.register();
        Actor holder = actors.register();
        String adminKey = graphql.mutation("auth/CreateApiKey", input("role", "ADMIN", "userAddress",
                operator.address()), Actors.ADMIN_KEY).data("createApiKey.apiKey");
        String mptId = Fixtures.newObjectId();

        GraphQLResponse response = update(holder.address(), mptId, "3.5", adminKey);

        assertEquals("3.500000", response.data("updateMptBalance.mptBalance.balance"));
        assertEquals(holder.address(), response.data("updateMptBalance.mptBalance.user.address"));
        assertEquals(List.of(), balancesOf(operator, 300));
    }

    private GraphQLResponse update(String user, String mptId, String balance, String apiKey) {
        return graphql.mutation("balance/UpdateMptBalance", input("userAddress", user, "mptId", mptId,
                "balance", balance), apiKey);
    }

    private void assertUnchanged(Actor holder, String mptId, String balance, Instant syncedAt) {
        List<Map<String, Object>> stored = balancesOf(holder, 300);
        assertEquals(1, stored.size(), stored::toString);
        assertEquals(mptId, stored.get(0).get("mptId"));
        assertEquals(balance, stored.get(0).get("balance"));
        assertEquals(syncedAt, Instant.parse((String) stored.get(0).get("lastSyncedAt")));
    }

    private List<Map<String, Object>> balancesOf(Actor holder, int maxAgeSeconds) {
        return graphql.operation("user/GetUser", Map.of("address", holder.address(), "maxAgeSeconds", maxAgeSeconds))
                .data("user.mptBalances");
    }

    private int rows(String user, String mptId) throws SQLException {
        try (Connection connection = TestDatabase.connect(database());
             PreparedStatement count = connection.prepareStatement(
                     "SELECT count(*) FROM user_mpt_balances WHERE user_address = ? AND mpt_id = ?")) {
            count.setString(1, user);
            count.setString(2, mptId);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
