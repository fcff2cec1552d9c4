package io.lendx.replica;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With the response cache on, a replica that applies commits three seconds late and a maximum lag
 * of one second: an answer the cache will keep is read on the primary until the replica has
 * replayed every change the instance heard of (a kept answer must not be older than the
 * invalidation that emptied its place), and a replica further behind than the maximum is left
 * alone until it catches up.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaSafetyTest implements TestPropertyProvider {

    private static final String POOL = "query($a: String!) { pool(address: $a) { address } }";
    /** Not cacheable (audit events carry no cache hints), so its route is the replica's to take. */
    private static final String AUDIT = "{ auditEvents(first: 1) { totalCount } }";

    private final StreamingReplica servers = StreamingReplica.start(Duration.ofSeconds(3));
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
        properties.put("lendx.db.replica.max-lag", "1s");
        return properties;
    }

    @AfterAll
    void stopTheServers() {
        servers.close();
    }

    @Test
    @Order(1)
    void anAnswerTheCacheWillKeepIsReadOnThePrimaryUntilTheReplicaReplayedTheChangesHeard() {
        awaitReplica("UP");
        Actor issuer = actors.register();
        String pool = actors.pool(issuer, "1000");
        double fills = reads("primary", "cache_fill");

        assertEquals(pool, graphql.send(POOL, Map.of("a", pool), null).data("pool.address"));
        assertEquals(fills + 1, reads("primary", "cache_fill"));

        // Once the replica has replayed every change this instance heard of, it may fill the cache.
        String later = actors.pool(issuer, "1000");
        Eventually.within(Duration.ofSeconds(15), () -> {
            double replicaReads = reads("replica", "anonymous");
            graphql.send(POOL, Map.of("a", "missing-" + System.nanoTime()), null);
            return reads("replica", "anonymous") > replicaReads;
        }, "a cache fill on the caught-up replica");
        assertEquals(later, graphql.send(POOL, Map.of("a", later), null).data("pool.address"));
    }

    @Test
    @Order(2)
    void aReplicaBehindByMoreThanTheMaximumIsNotReadUntilItCatchesUp() {
        awaitReplica("UP");
        Actor issuer = actors.register();
        long before = auditEvents();
        actors.pool(issuer, "1000");
        awaitReplica("LAGGING");

        assertTrue(auditEvents() > before, "read on the primary, which has the pool's audit event");
        assertTrue(reads("primary", "replica_lagging") >= 1);
        awaitReplica("UP");
        double replicaReads = reads("replica", "no_recent_writes");
        auditEvents();
        assertEquals(replicaReads + 1, reads("replica", "no_recent_writes"));
    }

    private long auditEvents() {
        return ((Number) graphql.send(AUDIT, Map.of(), Actors.ADMIN_KEY).data("auditEvents.totalCount")).longValue();
    }

    private void awaitReplica(String state) {
        Eventually.within(Duration.ofSeconds(30), () -> get("/health", Actors.ADMIN_KEY)
                .contains("\"state\":\"" + state + "\""), "the replica to be " + state);
    }

    private double reads(String target, String reason) {
        return get("/prometheus", null).lines()
                .filter(line -> line.startsWith("lendx_db_reads_total{") && line.contains("target=\"" + target + "\"")
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
