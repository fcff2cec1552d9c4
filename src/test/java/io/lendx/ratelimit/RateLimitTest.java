package io.lendx.ratelimit;

import io.lendx.support.GraphQLHttp;
import io.lendx.http.RequestIdFilter;
import io.lendx.support.GraphQLHttp.Reply;
import io.lendx.support.Actors;
import io.lendx.support.DatabaseTest;
import io.lendx.support.Fixtures;
import io.lendx.support.GraphQLClient;
import io.lendx.user.User;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static io.lendx.support.GraphQLHttp.GRAPHQL_RESPONSE_JSON;
import static io.lendx.support.Actors.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Token buckets per anonymous address (5 a minute here) and per API key (8 a minute). Every
 * request of this class comes from 127.0.0.1 and shares one limiter, so the budgets are walked
 * through in one test, in order; no other test may run in this context.
 */
@MicronautTest(transactional = false)
class RateLimitTest extends DatabaseTest {

    private static final String QUERY = "{ pools { totalCount } }";

    @Inject
    GraphQLHttp http;
    @Inject
    GraphQLClient graphql;
    @Inject
    Fixtures fixtures;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("lendx.rate-limit.per-address", "5");
        properties.put("lendx.rate-limit.per-key", "8");
        properties.put("lendx.rate-limit.period", "1m");
        properties.put("lendx.rate-limit.max-failed-authentications", "3");
        properties.put("lendx.rate-limit.lockout", "15m");
        return properties;
    }

    @Test
    void anonymousAddressesAndEachKeySpendBudgetsOfTheirOwn() throws SQLException {
        // A user made without HTTP, and its key: the admin key's first request.
        User user = fixtures.user();
        String userKey = graphql.mutation("auth/CreateApiKey", input("userAddress", user.address()),
                Actors.ADMIN_KEY).data("createApiKey.apiKey");

        // Anonymous: 5 pass, the 6th is refused before it reaches GraphQL, a mutation included.
        for (int i = 1; i <= 5; i++) {
            assertEquals(200, query(null).status(), "anonymous request " + i);
        }
        String address = Fixtures.newAddress();
        Reply refused = http.post("mutation R($input: RegisterUserInput!) { registerUser(input: $input) { apiKey } }",
                Map.of("input", Map.of("address", address)), null, GRAPHQL_RESPONSE_JSON);
        assertRateLimited(refused, 60);
        assertEquals(0, count("SELECT count(*) FROM users WHERE address = ?", address));
        assertEquals(0, count("SELECT count(*) FROM audit_events WHERE target = ?", address));
        assertRateLimited(http.exchange(HttpRequest.GET(UriBuilder.of(GraphQLHttp.PATH)
                .queryParam("query", QUERY).build()), null), 60);
        // Only GraphQL spends the budget: the orchestrator's probes still pass.
        assertEquals(200, http.exchange(HttpRequest.GET("/health/readiness"), null).status());

        // The user's key has its own 8, untouched by the exhausted anonymous budget.
        for (int i = 1; i <= 8; i++) {
            assertEquals(200, query(userKey).status(), "user key request " + i);
        }
        assertRateLimited(query(userKey), 60);

        // The admin key spent 1 of its 8 above: 7 more pass, whatever the other budgets.
        for (int i = 2; i <= 8; i++) {
            assertEquals(200, query(Actors.ADMIN_KEY).status(), "admin key request " + i);
        }
        assertRateLimited(query(Actors.ADMIN_KEY), 60);
    }

    private Reply query(String apiKey) {
        return http.post(QUERY, Map.of(), apiKey, MediaType.APPLICATION_JSON);
    }

    private static void assertRateLimited(Reply reply, int maxSeconds) {
        assertEquals(429, reply.status(), reply::toString);
        String retryAfter = reply.header(HttpHeaders.RETRY_AFTER);
        assertNotNull(retryAfter, reply::toString);
        assertTrue(retryAfter.matches("[1-9][0-9]*"), retryAfter);
        assertTrue(Integer.parseInt(retryAfter) <= maxSeconds, retryAfter);
        List<Map<String, Object>> errors = reply.graphql().errors();
        assertEquals(1, errors.size(), reply::toString);
        assertEquals("RATE_LIMITED", ((Map<?, ?>) errors.get(0).get("extensions")).get("code"), reply::toString);
        assertNotNull(reply.header(RequestIdFilter.HEADER), () -> "no X-Request-Id on " + reply);
        GraphQLHttp.assertNoInternals(reply.body());
    }

}
