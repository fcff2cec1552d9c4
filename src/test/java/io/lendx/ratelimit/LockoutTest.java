package io.lendx.ratelimit;

import io.lendx.support.GraphQLHttp;
import io.lendx.support.GraphQLHttp.Reply;
import io.lendx.support.Actors;
import io.lendx.support.Actors.Actor;
import io.lendx.support.DatabaseTest;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.lendx.support.GraphQLHttp.GRAPHQL_RESPONSE_JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failed authentications from one address lock it out: three are tolerated, the fourth locks
 * 127.0.0.1 out for 15 minutes, valid keys included. One test, since the lockout is shared by
 * every request of this context.
 */
@MicronautTest(transactional = false)
class LockoutTest extends DatabaseTest {

    private static final String VIEWER = "{ viewer { address } }";

    @Inject
    GraphQLHttp http;
    @Inject
    Actors actors;

    @Override
    public Map<String, String> getProperties() {
        return lockingOutAfterThreeFailures(super.getProperties());
    }

    /** Three failures within 5 minutes lock an address out for 15 (the tests' shared budget). */
    static Map<String, String> lockingOutAfterThreeFailures(Map<String, String> properties) {
        properties.put("lendx.rate-limit.max-failed-authentications", "3");
        properties.put("lendx.rate-limit.failure-window", "5m");
        properties.put("lendx.rate-limit.lockout", "15m");
        return properties;
    }

    @Test
    void repeatedFailedAuthenticationsLockTheAddressOutForValidKeysToo() {
        Actor user = actors.register();

        for (int i = 1; i <= 3; i++) {
            Reply unknown = viewer("lx_unknown" + i);
            assertEquals(401, unknown.status(), unknown::toString);
            unknown.graphql().singleError("UNAUTHENTICATED");
        }
        Reply stillIn = viewer(user.apiKey());
        assertEquals(200, stillIn.status(), stillIn::toString);
        assertEquals(user.address(), stillIn.graphql().data("viewer.address"));

        // The fourth failure, here a header that is no bearer key, is answered and locks the address.
        Reply fourth = http.exchange(GraphQLHttp.withAccept(HttpRequest.POST(GraphQLHttp.PATH,
                        http.body(VIEWER, Map.of())).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.AUTHORIZATION, "Basic dXNlcjpwYXNz"), GRAPHQL_RESPONSE_JSON), null);
        fourth.graphql().singleError("UNAUTHENTICATED");

        for (String key : new String[] {user.apiKey(), Actors.ADMIN_KEY, null}) {
            Reply locked = viewer(key);
            assertEquals(429, locked.status(), locked::toString);
            String retryAfter = locked.header(HttpHeaders.RETRY_AFTER);
            assertTrue(retryAfter != null && retryAfter.matches("[1-9][0-9]*"), locked::toString);
            assertTrue(Integer.parseInt(retryAfter) <= 15 * 60, retryAfter);
            locked.graphql().singleError("RATE_LIMITED");
        }
    }

    private Reply viewer(String apiKey) {
        return http.post(VIEWER, Map.of(), apiKey, GRAPHQL_RESPONSE_JSON);
    }
}
