package io.lendx.auth;

import io.lendx.support.DatabaseTest;
import io.lendx.support.Fixtures;
import io.lendx.support.GraphQLClient;
import io.lendx.support.GraphQLResponse;
import io.lendx.support.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import static io.lendx.support.Actors.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class RegistrationTest extends DatabaseTest {

    /** The XRPL base58 alphabet, to alter an address without leaving it. */
    private static final String XRPL_ALPHABET = "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz";

    @Inject
    GraphQLClient graphql;

    @Test
    void registrationReturnsTheUserAndAFreshKey() {
        String address = Fixtures.newAddress();

        GraphQLResponse response = graphql.mutation("auth/RegisterUser",
                input("address", address, "did", "did:xrpl:1:" + address), null);

        assertEquals(address, response.data("registerUser.user.address"));
        assertEquals("did:xrpl:1:" + address, response.data("registerUser.user.did"));
        assertNotNull(response.data("registerUser.user.createdAt"));
        String apiKey = response.data("registerUser.apiKey");
        assertTrue(apiKey.startsWith("lx_"), apiKey);
        assertTrue(apiKey.length() >= 43, apiKey);
        String keyId = response.data("registerUser.keyId");
        assertEquals(keyId, UUID.fromString(keyId).toString());
    }

    @Test
    void theNewKeyIdentifiesTheUserAsViewer() {
        String address = Fixtures.newAddress();
        String did = "did:web:lendx.example:" + address;
        String apiKey = graphql.mutation("auth/RegisterUser", input("address", address, "did", did), null)
                .data("registerUser.apiKey");

        assertEquals(Map.of("address", address, "did", did),
                graphql.operation("auth/Viewer", Map.of(), apiKey).data("viewer"));
    }

    @Test
    void theViewerOfAnAnonymousRequestIsNull() {
        assertNull(graphql.operation("auth/Viewer", Map.of(), null).data("viewer"));
    }

    @Test
    void onlyTheSha256OfTheKeyIsStored() throws SQLException {
        String address = Fixtures.newAddress();
        GraphQLResponse response = graphql.mutation("auth/RegisterUser", input("address", address), null);
        String apiKey = response.data("registerUser.apiKey");
        String keyId = response.data("registerUser.keyId");

        try (Connection connection = TestDatabase.connect(database());
             PreparedStatement select = connection.prepareStatement("SELECT * FROM api_keys WHERE user_address = ?")) {
            select.setString(1, address);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "No api_keys row for the new user");
                assertEquals(sha256Hex(apiKey), row.getString("key_hash"));
                assertEquals(keyId, row.getString("key_id"));
                assertEquals("USER", row.getString("role"));
                ResultSetMetaData columns = row.getMetaData();
                for (int column = 1; column <= columns.getColumnCount(); column++) {
                    String value = row.getString(column);
                    String name = columns.getColumnName(column);
                    assertFalse(value != null && (value.contains(apiKey) || value.contains(apiKey.substring(3))),
                            () -> "Column " + name + " holds the plaintext key");
                }
                assertFalse(row.next(), "More than one key for a new user");
            }
        }
    }

    @Test
    void anAddressWithABadChecksumIsRefusedAndNothingIsStored() throws SQLException {
        String valid = Fixtures.newAddress();
        char last = valid.charAt(valid.length() - 1);
        char other = XRPL_ALPHABET.charAt((XRPL_ALPHABET.indexOf(last) + 1) % XRPL_ALPHABET.length());
        String corrupted = valid.substring(0, valid.length() - 1) + other;

        graphql.mutation("auth/RegisterUser", input("address", corrupted), null).singleError("BAD_USER_INPUT");

        assertEquals(0, count("SELECT count(*) FROM users WHERE address = ?", corrupted));
        assertEquals(0, count("SELECT count(*) FROM api_keys WHERE user_address = ?", corrupted));
        assertNull(graphql.operation("user/GetUser", Map.of("address", corrupted)).data("user"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"did:UPPER:x", "not-a-did"})
    void aMalformedDidIsRefusedAndNothingIsStored(String did) throws SQLException {
        String address = Fixtures.newAddress();

        graphql.mutation("auth/RegisterUser", input("address", address, "did", did), null)
                .singleError("BAD_USER_INPUT");

        assertEquals(0, count("SELECT count(*) FROM users WHERE address = ?", address));
    }

    @Test
    void registeringAnAddressTwiceIsADuplicate() throws SQLException {
        String address = Fixtures.newAddress();
        graphql.mutation("auth/RegisterUser", input("address", address), null).data("registerUser.keyId");

        graphql.mutation("auth/RegisterUser", input("address", address), null)
                .singleError("CONFLICT", "DUPLICATE");
        assertEquals(1, count("SELECT count(*) FROM api_keys WHERE user_address = ?", address));
    }

    @Test
    void aDidBelongsToOneAddressOnly() throws SQLException {
        String did = "did:xrpl:1:" + UUID.randomUUID();
        String first = Fixtures.newAddress();
        String second = Fixtures.newAddress();
        graphql.mutation("auth/RegisterUser", input("address", first, "did", did), null).data("registerUser.keyId");

        graphql.mutation("auth/RegisterUser", input("address", second, "did", did), null)
                .singleError("CONFLICT", "DUPLICATE");
        assertEquals(0, count("SELECT count(*) FROM users WHERE address = ?", second));
        assertEquals(0, count("SELECT count(*) FROM api_keys WHERE user_address = ?", second));
    }

    @Test
    void anIdempotentRetryReplaysTheRegistrationWithoutTheKey() throws SQLException {
        String address = Fixtures.newAddress();
        Map<String, Object> input = input("address", address, "did", "did:key:z" + address,
                "idempotencyKey", "register-" + address);
        GraphQLResponse first = graphql.mutation("auth/RegisterUser", input, null);
        String apiKey = first.data("registerUser.apiKey");

        GraphQLResponse retry = graphql.mutation("auth/RegisterUser", input, null);

        assertEquals(address, retry.data("registerUser.user.address"));
        assertEquals("did:key:z" + address, retry.data("registerUser.user.did"));
        assertEquals((String) first.data("registerUser.keyId"), retry.data("registerUser.keyId"));
        assertNull(retry.data("registerUser.apiKey"));
        assertEquals(1, count("SELECT count(*) FROM api_keys WHERE user_address = ?", address));
        assertEquals(1, count("SELECT count(*) FROM users WHERE address = ?", address));
        assertEquals(0, count("SELECT count(*) FROM idempotency_keys WHERE result LIKE '%' || ? || '%'",
                apiKey.substring(3)), "The idempotency record holds the plaintext key");
        assertEquals(Map.of("address", address, "did", "did:key:z" + address),
                graphql.operation("auth/Viewer", Map.of(), apiKey).data("viewer"));
    }

    @Test
    void anIdempotencyKeyReusedForADifferentRegistrationIsAConflict() throws SQLException {
        String address = Fixtures.newAddress();
        graphql.mutation("auth/RegisterUser", input("address", address, "idempotencyKey", "once"), null)
                .data("registerUser.keyId");

        graphql.mutation("auth/RegisterUser",
                input("address", address, "did", "did:xrpl:other", "idempotencyKey", "once"), null)
                .singleError("CONFLICT", "IDEMPOTENCY_KEY_REUSED");
        assertEquals(1, count("SELECT count(*) FROM api_keys WHERE user_address = ?", address));
        assertNull(graphql.operation("user/GetUser", Map.of("address", address)).data("user.did"));
    }


    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
