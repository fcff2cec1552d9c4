package io.lendx.ops;

import io.lendx.support.Actors;
import io.lendx.support.Actors.Actor;
import io.lendx.support.DatabaseTest;
import io.lendx.support.TestDatabase;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Liveness and readiness for the orchestrator; pool and schema details for ADMIN keys only. */
@MicronautTest(transactional = false)
class HealthTest extends DatabaseTest {

    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);
    /** pool maxSize in application.yml. */
    private static final int POOL_MAX_SIZE = 10;

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    JsonMapper json;
    @Inject
    Actors actors;

    @Test
    void healthLivenessAndReadinessAreUpWhileTheDatabaseAnswers() {
        for (String path : new String[]{"/health", "/health/liveness", "/health/readiness"}) {
            HttpResponse<String> response = get(path, null);
            assertEquals(HttpStatus.OK, response.getStatus(), path);
            assertEquals("UP", body(response).get("status"), path);
        }
    }

    @Test
    void anonymousCallersSeeTheStatusButNoDetails() {
        for (String path : new String[]{"/health", "/health/liveness", "/health/readiness"}) {
            HttpResponse<String> response = get(path, null);
            assertNoDetails(response, path);
        }
    }

    @Test
    void anAdminKeySeesTheMigrationVersionAndThePoolNumbers() throws SQLException {
        HttpResponse<String> response = get("/health", Actors.ADMIN_KEY);

        assertEquals(HttpStatus.OK, response.getStatus());
        Map<String, Object> body = body(response);
        assertEquals("UP", body.get("status"));
        Map<?, ?> database = (Map<?, ?>) ((Map<?, ?>) body.get("details")).get("database");
        assertNotNull(database, () -> "No database indicator in " + body);
        assertEquals("UP", database.get("status"));
        Map<?, ?> details = (Map<?, ?>) database.get("details");
        assertEquals(latestMigration(), details.get("migrationVersion"));
        assertEquals("8", details.get("migrationVersion"), "V8__table_change_notices.sql is the latest migration");
        assertEquals(POOL_MAX_SIZE, details.get("poolMaxSize"));
        int allocated = (int) details.get("poolAllocated");
        int acquired = (int) details.get("poolAcquired");
        int idle = (int) details.get("poolIdle");
        assertTrue(allocated >= 1 && allocated <= POOL_MAX_SIZE, () -> "poolAllocated " + details);
        assertTrue(acquired >= 0 && acquired <= allocated, () -> "poolAcquired " + details);
        assertTrue(idle >= 0 && idle <= allocated, () -> "poolIdle " + details);
        assertEquals(0, details.get("poolPendingAcquire"));
    }

    @Test
    void anAdminKeySeesTheDatabaseOnReadinessToo() {
        HttpResponse<String> response = get("/health/readiness", Actors.ADMIN_KEY);

        assertEquals(HttpStatus.OK, response.getStatus());
        Map<?, ?> database = (Map<?, ?>) ((Map<?, ?>) body(response).get("details")).get("database");
        assertEquals("UP", database.get("status"));
        assertEquals("8", ((Map<?, ?>) database.get("details")).get("migrationVersion"));
    }

    @Test
    void aUserKeySeesNoDetails() {
        Actor user = actors.register();
        for (String path : new String[]{"/health", "/health/readiness"}) {
            HttpResponse<String> response = get(path, user.apiKey());
            assertEquals(HttpStatus.OK, response.getStatus(), path);
            assertEquals("UP", body(response).get("status"), path);
            assertNoDetails(response, path);
        }
    }

    @Test
    void aBadKeyStillGetsTheStatusWithoutDetails() {
        for (String key : new String[]{"not-a-key", "lx_" + "0".repeat(40), Actors.ADMIN_KEY + "x"}) {
            HttpResponse<String> response = get("/health", key);
            assertEquals(HttpStatus.OK, response.getStatus(), key);
            assertEquals("UP", body(response).get("status"), key);
            assertNoDetails(response, key);
        }
    }

    @Test
    void anotherAuthorizationSchemeIsAnonymous() {
        MutableHttpRequest<?> request = HttpRequest.GET("/health").basicAuth("admin", Actors.ADMIN_KEY);
        HttpResponse<String> response = http.toBlocking().exchange(request, String.class);
        assertEquals(HttpStatus.OK, response.getStatus());
        assertNoDetails(response, "basic auth");
    }

    private void assertNoDetails(HttpResponse<String> response, String what) {
        String text = response.body();
        assertFalse(body(response).containsKey("details"), () -> what + ": " + text);
        for (String word : new String[]{"details", "pool", "migration", "database"}) {
            assertFalse(text.toLowerCase().contains(word), () -> what + " mentions " + word + ": " + text);
        }
    }

    private HttpResponse<String> get(String path, String apiKey) {
        MutableHttpRequest<?> request = HttpRequest.GET(path);
        if (apiKey != null) {
            request.bearerAuth(apiKey);
        }
        return http.toBlocking().exchange(request, String.class);
    }

    private Map<String, Object> body(HttpResponse<String> response) {
        try {
            return json.readValue(response.body(), JSON_OBJECT);
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + response.body(), e);
        }
    }

    private String latestMigration() throws SQLException {
        try (Connection connection = TestDatabase.connect(database());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1")) {
            assertTrue(rows.next());
            return rows.getString(1);
        }
    }
}
