package io.lendx.replica;

import io.lendx.support.Actors.Actor;
import io.lendx.support.Eventually;
import io.lendx.support.InstanceProbe;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real primary and a streaming replica that applies commits two seconds late: a key reads its
 * own writes at once, an anonymous query reads the replica and may be those two seconds behind,
 * and a stopped replica sends every query to the primary until it is back. The response cache is
 * off here: a query that fills it reads the primary until the replica has replayed the changes.
 */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaRoutingTest extends ReplicaTest {

    private static final Duration APPLY_DELAY = Duration.ofSeconds(2);

    ReplicaRoutingTest() {
        super(APPLY_DELAY);
    }

    @Override
    Map<String, String> settings() {
        return Map.of("lendx.cache.enabled", "false");
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

    @Test
    @Order(3)
    void bothPoolsAreMeasured() {
        InstanceProbe instance = new InstanceProbe(server);

        assertEquals(10, instance.metric("r2dbc_pool_max_allocated", "name=\"default\""));
        assertEquals(10, instance.metric("r2dbc_pool_max_allocated", "name=\"replica\""));
        assertTrue(instance.health().at("/details/database/details/poolMaxSize").asInt() > 0,
                "the primary's pool numbers in health, under the routing factory");
    }
}
