package io.lendx.replica;

import io.lendx.support.Actors;
import io.lendx.support.Actors.Actor;
import io.lendx.support.Eventually;
import io.lendx.support.GraphQLClient;
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

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    private final StreamingReplica servers = StreamingReplica.start(Duration.ofSeconds(2));
    private final RedisServer redis = RedisServer.start();
    private final HttpClient client = HttpClient.newHttpClient();

    @Inject
    Actors actors;
    @Inject
    EmbeddedServer first;
    private EmbeddedServer second;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("r2dbc.datasources.default.url", servers.primaryR2dbcUrl());
        properties.put("r2dbc.datasources.default.username", "postgres");
        properties.put("flyway.datasources.default.url", servers.primaryJdbcUrl());
        properties.put("flyway.datasources.default.user", "postgres");
        properties.put("lendx.db.replica.url", servers.replicaUrl());
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
        Eventually.within(Duration.ofSeconds(30), () -> replicaUp(second), "the second instance to use its replica");

        String pool = actors.pool(issuer, "1000");

        assertTrue(query(second, pool, issuer.apiKey()).contains(pool), "the key's own write, at once");
        assertEquals("{\"data\":{\"pool\":null}}", query(second, pool, null), "anonymous: the replica, 2 s behind");
    }

    private boolean replicaUp(EmbeddedServer instance) {
        return send(HttpRequest.newBuilder(instance.getURI().resolve("/health"))
                .header("Authorization", "Bearer " + Actors.ADMIN_KEY).GET()).contains("\"state\":\"UP\"");
    }

    private String query(EmbeddedServer instance, String pool, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(instance.getURI().resolve("/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(POOL.formatted(pool)));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return send(request);
    }

    private String send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
