package io.lendx.replica;

import io.lendx.support.Actors;
import io.lendx.support.Actors.Actor;
import io.lendx.support.InstanceProbe;
import io.lendx.support.RedisServer;
import io.lendx.support.StreamingReplica;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances, one Redis, a primary and a replica two seconds behind: a key that writes through
 * one instance reads its write at once through the other, because the write's WAL position is
 * kept in Redis; an anonymous query there reads the replica and does not see it yet.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadYourWritesAcrossInstancesTest implements TestPropertyProvider {

    private static final String POOL = "{\"query\":\"query($a: String!) { pool(address: $a) { address } }\","
            + "\"variables\":{\"a\":\"%s\"}}";
    private static final String JSON = "application/json";

    private final StreamingReplica servers = StreamingReplica.start(Duration.ofSeconds(2));
    private final RedisServer redis = RedisServer.start();

    @Inject
    Actors actors;
    private EmbeddedServer second;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = servers.applicationProperties();
        properties.put("redis.url", redis.url());
        properties.put("lendx.cache.enabled", "false");
        return properties;
    }

    @BeforeAll
    void startTheSecondInstance() {
        second = ApplicationContext.run(EmbeddedServer.class, new HashMap<>(getProperties()), "test");
    }

    @AfterAll
    void stopEverything() {
        second.close();
        redis.close();
        servers.close();
    }

    @Test
    void aKeyReadsOnOneInstanceWhatItWroteThroughTheOther() {
        Actor issuer = actors.register();
        new ReplicaProbe(second).await("UP");

        String pool = actors.pool(issuer, "1000");

        InstanceProbe other = new InstanceProbe(second);
        assertTrue(other.graphql(POOL.formatted(pool), issuer.apiKey(), JSON).body().contains(pool),
                "the key's own write, at once");
        assertEquals("{\"data\":{\"pool\":null}}", other.graphql(POOL.formatted(pool), null, JSON).body(),
                "anonymous: the replica, 2 s behind");
    }
}
