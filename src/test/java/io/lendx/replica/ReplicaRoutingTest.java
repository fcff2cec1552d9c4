package io.lendx.replica;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lendx.support.Actors;
import io.lendx.support.Actors.Actor;
import io.lendx.support.Eventually;
import io.lendx.support.GraphQLClient;
import io.lendx.support.StreamingReplica;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real primary and a streaming replica that applies commits two seconds late: a key reads its
 * own writes at once, an anonymous query reads the replica and may be those two seconds behind,
 * and a stopped replica sends every query to the primary until it is back. The response cache is
 * off here, since a query that fills it reads the primary on purpose.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaRoutingTest implements TestPropertyProvider {

    private static final Duration APPLY_DELAY = Duration.ofSeconds(2);
    private static final String POOL = "query($a: String!) { pool(address: $a) { address } }";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StreamingReplica servers = StreamingReplica.start(APPLY_DELAY);
    private final HttpClient client = HttpClient.newHttpClient();

    @Inject
    GraphQLClient graphql;
    @Inject
    Actors actors;
    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("r2dbc.datasources.default.url", servers.primaryR2dbcUrl());
        properties.put("r2dbc.datasources.default.username", "postgres");
        properties.put("flyway.datasources.default.url", servers.primaryJdbcUrl());
        properties.put("flyway.datasources.default.user", "postgres");
        properties.put("lendx.db.replica.url", servers.replicaUrl());
        properties.put("lendx.cache.enabled", "false");
        return properties;
    }

    @AfterAll
    void stopTheServers() {
        servers.close();
    }

    @Test
    @Order(1)
    void aKeySeesItsOwnWriteAtOnceWhileAnAnonymousQueryReadsTheLaggingReplica() {
        awaitReplica("UP");
        Actor issuer = actors.register();
        String pool = actors.pool(issuer, "1000");
        double ownWritesBefore = reads("primary", "read_your_writes");

        assertEquals(pool, graphql.send(POOL, Map.of("a", pool), issuer.apiKey()).data("pool.address"));
        assertEquals(ownWritesBefore + 1, reads("primary", "read_your_writes"));

        assertNull(graphql.send(POOL, Map.of("a", pool), null).data("pool"), "the replica is two seconds behind");
        Eventually.within(APPLY_DELAY.multipliedBy(5), () -> graphql.send(POOL, Map.of("a", pool), null)
                .data("pool") != null, "the replica to replay the pool");
        // The monitor learns of the replay within its check interval; until then the key reads the primary.
        Eventually.within(Duration.ofSeconds(2), () -> pool.equals(graphql.send(POOL, Map.of("a", pool),
                        issuer.apiKey()).data("pool.address")) && reads("replica", "replayed_own_writes") >= 1,
                "the key to read the replica again once its write is replayed");
    }

    @Test
    @Order(2)
    void aStoppedReplicaIsNotUsedUntilItIsBack() {
        awaitReplica("UP");
        Actor issuer = actors.register();
        servers.stopReplica();
        awaitReplica("DOWN");

        String pool = actors.pool(issuer, "1000");
        assertEquals(pool, graphql.send(POOL, Map.of("a", pool), null).data("pool.address"), "read on the primary");
        assertTrue(reads("primary", "replica_down") >= 1);

        servers.startReplica();
        awaitReplica("UP");
        double replicaReads = reads("replica", "anonymous");
        graphql.send(POOL, Map.of("a", pool), null);
        assertEquals(replicaReads + 1, reads("replica", "anonymous"));
    }

    private void awaitReplica(String state) {
        Eventually.within(Duration.ofSeconds(30), () -> state.equals(health().at("/details/replica/details/state")
                .asText()), "the replica to be " + state);
    }

    private JsonNode health() {
        try {
            return JSON.readTree(get("/health", Actors.ADMIN_KEY));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private double reads(String target, String reason) {
        String prefix = "lendx_db_reads_total{";
        return get("/prometheus", null).lines()
                .filter(line -> line.startsWith(prefix) && line.contains("target=\"" + target + "\"")
                        && line.contains("reason=\"" + reason + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private String get(String path, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.getURI().resolve(path)).GET()
                .timeout(Duration.ofSeconds(10));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
