package io.lendx.auth;

import io.lendx.support.Actors;
import io.lendx.support.Actors.Actor;
import io.lendx.support.DatabaseTest;
import io.lendx.support.Fixtures;
import io.lendx.support.GraphQLClient;
import io.lendx.support.GraphQLResponse;
import io.lendx.support.MutableClock;
import io.lendx.support.TestDatabase;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import static io.lendx.support.Actors.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class ApiKeyTest extends DatabaseTest {

    @Inject
    GraphQLClient graphql;
    @Inject
    Actors actors;
    @Inject
    MutableClock clock;
    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void aUserIssuesAnotherWorkingKeyForItself() throws SQLException {
        Actor user = actors.register();

        GraphQLResponse response = graphql.mutation("auth/CreateApiKey", input("expiresInDays", 7), user.apiKey());

        String apiKey = response.data("createApiKey.apiKey");
        String keyId = response.data("createApiKey.keyId");
        assertTrue(apiKey.startsWith("lx_"), apiKey);
        assertNotEquals(user.apiKey(), apiKey);
        assertNotEquals(user.keyId(), keyId);
        assertEquals(user.address(), viewer(apiKey));
        assertEquals(user.address(), viewer(user.apiKey()));
        try (Connection connection = TestDatabase.connect(database());
             PreparedStatement select = connection.prepareStatement(
                     "SELECT user_address, role, created_at, expires_at FROM api_keys WHERE key_id = ?::uuid")) {
            select.setString(1, keyId);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                assertEquals(user.address(), row.getString("user_address"));
                assertEquals("USER", row.getString("role"));
                Instant created = row.getObject("created_at", OffsetDateTime.class).toInstant();
                Instant expires = row.getObject("expires_at", OffsetDateTime.class).toInstant();
                assertEquals(Duration.ofDays(7), Duration.between(created, expires));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 366, -1})
    void aLifetimeOutsideOneToThreeHundredSixtyFiveDaysIsBadUserInput(int days) throws SQLException {
        Actor user = actors.register();

        graphql.mutation("auth/CreateApiKey", input("expiresInDays", days), user.apiKey())
                .singleError("BAD_USER_INPUT");

        assertEquals(1, keysOf(user.address()));
    }

    @Test
    void aUserCannotIssueAnAdminKey() throws SQLException {
        Actor user = actors.register();

        graphql.mutation("auth/CreateApiKey", input("role", "ADMIN"), user.apiKey()).singleError("FORBIDDEN");
        graphql.mutation("auth/CreateApiKey", input("role", "ADMIN", "userAddress", user.address()), user.apiKey())
                .singleError("FORBIDDEN");

        assertEquals(1, keysOf(user.address()));
    }

    @Test
    void aUserCannotIssueAKeyForAnotherUser() throws SQLException {
        Actor user = actors.register();
        Actor victim = actors.register();

        graphql.mutation("auth/CreateApiKey", input("userAddress", victim.address()), user.apiKey())
                .singleError("FORBIDDEN");

        assertEquals(1, keysOf(victim.address()));
        assertEquals(1, keysOf(user.address()));
    }

    @Test
    void aUserMayNameItselfAsOwner() {
        Actor user = actors.register();

        String apiKey = graphql.mutation("auth/CreateApiKey", input("userAddress", user.address()), user.apiKey())
                .data("createApiKey.apiKey");

        assertEquals(user.address(), viewer(apiKey));
    }

    @Test
    void theBootstrapAdminIssuesAKeyForAUser() {
        Actor user = actors.register();

        GraphQLResponse response = graphql.mutation("auth/CreateApiKey", input("userAddress", user.address()),
                Actors.ADMIN_KEY);

        assertEquals(user.address(), viewer(response.data("createApiKey.apiKey")));
        assertNull(viewer(Actors.ADMIN_KEY));
    }

    @Test
    void theBootstrapAdminMustNameTheOwner() {
        graphql.mutation("auth/CreateApiKey", input(), Actors.ADMIN_KEY).singleError("BAD_USER_INPUT");
    }

    @Test
    void theBootstrapAdminCannotIssueAKeyForAnUnknownUser() {
        graphql.mutation("auth/CreateApiKey", input("userAddress", Fixtures.newAddress()),
                Actors.ADMIN_KEY).singleError("NOT_FOUND");
    }

    @Test
    void anAdminKeyOfAUserMayIssueKeysForOthers() {
        Actor operator = actors.register();
        Actor user = actors.register();
        String adminKey = graphql.mutation("auth/CreateApiKey", input("userAddress", operator.address(),
                "role", "ADMIN"), Actors.ADMIN_KEY).data("createApiKey.apiKey");

        String apiKey = graphql.mutation("auth/CreateApiKey", input("userAddress", user.address()), adminKey)
                .data("createApiKey.apiKey");

        assertEquals(user.address(), viewer(apiKey));
        assertEquals(operator.address(), viewer(adminKey));
    }

    @Test
    void aRevokedKeyIsRefusedOnEveryRequest() throws SQLException {
        Actor user = actors.register();

        GraphQLResponse response = graphql.mutation("auth/RevokeApiKey", input("keyId", user.keyId()),
                user.apiKey());

        assertEquals(Boolean.TRUE, response.data("revokeApiKey.revoked"));
        graphql.operation("auth/Viewer", Map.of(), user.apiKey()).singleError("UNAUTHENTICATED");
        graphql.operation("pool/ListPools", Map.of(), user.apiKey()).singleError("UNAUTHENTICATED");
        graphql.mutation("pool/CreatePool", input("totalBalance", "1000", "minimumLoan", "100", "durationDays", 30,
                "interestRate", "5"), user.apiKey()).singleError("UNAUTHENTICATED");
        assertEquals(0, (int) graphql.operation("pool/ListPools",
                Map.of("filter", Map.of("issuerAddress", user.address()))).data("pools.totalCount"));
        assertNotNull(timestamp("revoked_at", user.keyId()));
    }

    @Test
    void revokingOneKeyLeavesTheUsersOtherKeysWorking() {
        Actor user = actors.register();
        GraphQLResponse second = graphql.mutation("auth/CreateApiKey", input(), user.apiKey());

        graphql.mutation("auth/RevokeApiKey", input("keyId", second.data("createApiKey.keyId")), user.apiKey())
                .data("revokeApiKey.revoked");

        graphql.operation("auth/Viewer", Map.of(), second.data("createApiKey.apiKey")).singleError("UNAUTHENTICATED");
        assertEquals(user.address(), viewer(user.apiKey()));
    }

    @Test
    void revokingAnAlreadyRevokedKeyStillSaysRevoked() throws SQLException {
        Actor user = actors.register();
        GraphQLResponse second = graphql.mutation("auth/CreateApiKey", input(), user.apiKey());
        String keyId = second.data("createApiKey.keyId");
        graphql.mutation("auth/RevokeApiKey", input("keyId", keyId), user.apiKey()).data("revokeApiKey.revoked");
        Instant revokedAt = timestamp("revoked_at", keyId);
        clock.advance(Duration.ofMinutes(5));

        GraphQLResponse again = graphql.mutation("auth/RevokeApiKey", input("keyId", keyId), user.apiKey());

        assertEquals(Boolean.TRUE, again.data("revokeApiKey.revoked"));
        assertEquals(revokedAt, timestamp("revoked_at", keyId));
    }

    @Test
    void aUserCannotRevokeAnotherUsersKey() throws SQLException {
        Actor owner = actors.register();
        Actor other = actors.register();

        graphql.mutation("auth/RevokeApiKey", input("keyId", owner.keyId()), other.apiKey()).singleError("FORBIDDEN");

        assertNull(timestamp("revoked_at", owner.keyId()));
        assertEquals(owner.address(), viewer(owner.apiKey()));
    }

    @Test
    void theBootstrapAdminRevokesAnyKey() {
        Actor user = actors.register();

        assertEquals(Boolean.TRUE, graphql.mutation("auth/RevokeApiKey", input("keyId", user.keyId()),
                Actors.ADMIN_KEY).data("revokeApiKey.revoked"));

        graphql.operation("auth/Viewer", Map.of(), user.apiKey()).singleError("UNAUTHENTICATED");
    }

    @Test
    void revokingAnUnknownKeyIsNotFound() {
        Actor user = actors.register();

        graphql.mutation("auth/RevokeApiKey", input("keyId", UUID.randomUUID().toString()), user.apiKey())
                .singleError("NOT_FOUND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "", "12345"})
    void aMalformedKeyIdIsBadUserInput(String keyId) {
        Actor user = actors.register();

        graphql.mutation("auth/RevokeApiKey", input("keyId", keyId), user.apiKey()).singleError("BAD_USER_INPUT");

        assertEquals(user.address(), viewer(user.apiKey()));
    }

    @Test
    void anUnknownKeyIsUnauthenticated() {
        graphql.operation("auth/Viewer", Map.of(), "lx_" + "A".repeat(43)).singleError("UNAUTHENTICATED");
        graphql.operation("pool/ListPools", Map.of(), "no-such-key").singleError("UNAUTHENTICATED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic xyz", "Bearer", "Bearer    ", "Token lx_abc"})
    void anAuthorizationHeaderThatIsNoBearerKeyIsUnauthenticated(String header) {
        Actor user = actors.register();
        String value = header.startsWith("Basic") ? header : header.replace("lx_abc", user.apiKey());

        GraphQLResponse response = withAuthorization(value, "{ viewer { address } }");

        response.singleError("UNAUTHENTICATED");
        assertNull(response.body().get("data"));
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() {
        Actor user = actors.register();

        GraphQLResponse response = withAuthorization("bearer " + user.apiKey(), "{ viewer { address } }");

        assertEquals(user.address(), response.data("viewer.address"));
    }

    @Test
    void anExpiredKeyIsUnauthenticated() {
        Actor user = actors.register();
        String shortLived = graphql.mutation("auth/CreateApiKey", input("expiresInDays", 1), user.apiKey())
                .data("createApiKey.apiKey");
        assertEquals(user.address(), viewer(shortLived));

        clock.advance(Duration.ofDays(2));

        graphql.operation("auth/Viewer", Map.of(), shortLived).singleError("UNAUTHENTICATED");
        graphql.mutation("auth/CreateApiKey", input(), shortLived).singleError("UNAUTHENTICATED");
        assertEquals(user.address(), viewer(user.apiKey()));
    }

    @Test
    void theLastUseOfAKeyIsRecorded() throws SQLException {
        Actor user = actors.register();
        assertNull(timestamp("last_used_at", user.keyId()));

        viewer(user.apiKey());
        Instant firstUse = clock.instant();
        assertEquals(firstUse, timestamp("last_used_at", user.keyId()));

        clock.advance(Duration.ofSeconds(10));
        viewer(user.apiKey());
        assertEquals(firstUse, timestamp("last_used_at", user.keyId()), "recorded at most once a minute");

        clock.advance(Duration.ofMinutes(2));
        graphql.operation("pool/ListPools", Map.of(), user.apiKey()).data("pools.totalCount");
        assertEquals(clock.instant(), timestamp("last_used_at", user.keyId()));
    }

    /** The address of the user a key stands for, null for a key of no user. */
    private String viewer(String apiKey) {
        Map<String, Object> viewer = graphql.operation("auth/Viewer", Map.of(), apiKey).data("viewer");
        return viewer == null ? null : (String) viewer.get("address");
    }

    /*
     * An explicit null for a nullable input field with a default is passed through as null
     * (GraphQL spec, "Input Coercion"): AuthWiring unboxes expiresInDays into an int (NPE) and
     * saves a null role (NOT NULL violation), both INTERNAL_SERVER_ERROR. Either the defaults or
     * BAD_USER_INPUT would do; an internal error does not.
     */
    @ParameterizedTest
    @ValueSource(strings = {"expiresInDays", "role"})
    void anExplicitNullLifetimeOrRoleIsNoInternalError(String field) throws SQLException {
        Actor user = actors.register();

        GraphQLResponse response = graphql.mutation("auth/CreateApiKey", input(field, null), user.apiKey());

        response.singleError("BAD_USER_INPUT");
        assertEquals(1, keysOf(user.address()));
    }

    private GraphQLResponse withAuthorization(String authorization, String document) {
        HttpRequest<Map<String, Object>> request = HttpRequest.POST("/graphql",
                        Map.<String, Object>of("query", document, "variables", Map.of()))
                .header(HttpHeaders.AUTHORIZATION, authorization);
        return new GraphQLResponse(http.toBlocking().retrieve(request, Argument.mapOf(String.class, Object.class)));
    }

    private long keysOf(String address) throws SQLException {
        try (Connection connection = TestDatabase.connect(database());
             PreparedStatement select = connection.prepareStatement(
                     "SELECT count(*) FROM api_keys WHERE user_address = ?")) {
            select.setString(1, address);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private Instant timestamp(String column, String keyId) throws SQLException {
        try (Connection connection = TestDatabase.connect(database());
             PreparedStatement select = connection.prepareStatement(
                     "SELECT " + column + " FROM api_keys WHERE key_id = ?::uuid")) {
            select.setString(1, keyId);
            try (ResultSet result = select.executeQuery()) {
                assertTrue(result.next(), "No api_keys row " + keyId);
                OffsetDateTime value = result.getObject(1, OffsetDateTime.class);
                return value == null ? null : value.toInstant();
            }
        }
    }
}
