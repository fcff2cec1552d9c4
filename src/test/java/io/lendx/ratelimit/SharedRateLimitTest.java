package io.lendx.ratelimit;

import com.fasterxml.jackson.databind.JsonNode;
import io.lendx.support.Actors;
import io.lendx.support.DatabaseTest;
import io.lendx.support.Eventually;
import io.lendx.support.InstanceProbe;
import io.lendx.support.RedisServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances on one database and one real Redis ({@code redis-server}): a key's budget and an
 * address's lockout are the same on both, and Redis going away changes nothing a client sees
 * but the size of the budget. Every request comes from 127.0.0.1, so the lockout comes last.
 */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedRateLimitTest extends DatabaseTest {

    private static final int PER_KEY = 6;

    private final RedisServer redis = RedisServer.start();

    @Inject
    EmbeddedServer first;
    @Inject
    Actors actors;
    private EmbeddedServer second;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("redis.url", redis.url());
        properties.put("lendx.rate-limit.per-key", String.valueOf(PER_KEY));
        properties.put("lendx.rate-limit.max-failed-authentications", "3");
        properties.put("lendx.rate-limit.lockout", "15m");
        return properties;
    }

    @BeforeAll
    void startTheSecondInstance() {
        second = ApplicationContext.run(EmbeddedServer.class, new HashMap<>(getProperties()), "test");
    }

    @AfterAll
    void stopTheSecondInstanceAndRedis() {
        second.close();
        redis.close();
    }

    @Test
    @Order(1)
    void aKeysBudgetIsOneBudgetOverBothInstances() {
        String key = actors.register().apiKey();

        assertEquals(PER_KEY, admittedOf(2 * PER_KEY, key));
    }

    @Test
    @Order(2)
    void withoutRedisEachInstanceKeepsItsOwnBudgetAndTheSharedOneResumesWhenRedisIsBack() {
        String key = actors.register().apiKey();
        redis.stop();

        // Each instance now counts on its own, so both serve a full budget; no request fails.
        assertEquals(2 * PER_KEY, admittedOf(2 * PER_KEY, key));
        JsonNode health = health(first);
        assertEquals("DOWN", health.at("/details/redis/status").asText(), health::toString);
        InstanceProbe probe = new InstanceProbe(first);
        assertEquals(200, probe.get("/health/readiness", null).statusCode());
        assertTrue(probe.metric("lendx_rate_limit_fallbacks_total") >= PER_KEY, "fallbacks counted");

        redis.startAgain();
        Eventually.within(Duration.ofSeconds(15), () -> "UP".equals(health(second).at("/details/redis/status")
                .asText()), "the second instance finds Redis again");
        Eventually.within(Duration.ofSeconds(15), () -> "UP".equals(health(first).at("/details/redis/status")
                .asText()), "the first instance finds Redis again");
        String later = actors.register().apiKey();
        assertEquals(PER_KEY, admittedOf(2 * PER_KEY, later));
    }

    @Test
    @Order(3)
    void aRedisThatHangsCostsARequestTheTimeoutNowAndThenNotEveryRequest() {
        String key = actors.register().apiKey();
        redis.freeze();
        try {
            int slow = 0;
            for (int i = 0; i < PER_KEY; i++) {
                long started = System.nanoTime();
                assertEquals(200, viewer(first, key).statusCode());
                if (System.nanoTime() - started > TimeUnit.MILLISECONDS.toNanos(150)) {
                    slow++;
                }
            }
            // The first request waits out the 200 ms timeout; then Redis rests for a second.
            assertTrue(slow <= 1, slow + " of " + PER_KEY + " requests waited for the hung Redis");
        } finally {
            redis.thaw();
        }
        InstanceProbe probe = new InstanceProbe(first);
        String next = actors.register().apiKey();
        Eventually.within(Duration.ofSeconds(15), () -> {
            double fallbacks = probe.metric("lendx_rate_limit_fallbacks_total");
            viewer(first, next);
            return probe.metric("lendx_rate_limit_fallbacks_total") == fallbacks;
        }, "the limits to be shared through Redis again");
    }

    @Test
    @Order(4)
    void aLockoutOnOneInstanceHoldsOnTheOther() {
        String valid = actors.register().apiKey();
        for (int i = 1; i <= 4; i++) {
            assertEquals(401, viewer(first, "lx_unknown" + i).statusCode());
        }

        HttpResponse<String> refused = viewer(second, valid);
        assertEquals(429, refused.statusCode(), refused::body);
        assertTrue(refused.body().contains("RATE_LIMITED"), refused::body);
    }

    /** How many of {@code requests}, sent to the two instances in turn, were admitted; the rest must be 429. */
    private int admittedOf(int requests, String key) {
        int admitted = 0;
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> response = viewer(i % 2 == 0 ? first : second, key);
            if (response.statusCode() == 200) {
                admitted++;
            } else {
                assertEquals(429, response.statusCode(), response::body);
            }
        }
        return admitted;
    }

    private static HttpResponse<String> viewer(EmbeddedServer instance, String key) {
        return new InstanceProbe(instance).graphql("{\"query\":\"{ viewer { address } }\"}", key,
                "application/graphql-response+json");
    }

    private static JsonNode health(EmbeddedServer instance) {
        return new InstanceProbe(instance).health();
    }
}
