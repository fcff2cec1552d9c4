package io.lendx.replica;

import io.lendx.support.Actors;
import io.lendx.support.Actors.Actor;
import io.lendx.support.Eventually;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
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
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaSafetyTest extends ReplicaTest {

    /** Not cacheable (audit events carry no cache hints), so its route is the replica's to take. */
    private static final String AUDIT = "{ auditEvents(first: 1) { totalCount } }";

    ReplicaSafetyTest() {
        super(Duration.ofSeconds(3));
    }

    @Override
    Map<String, String> settings() {
        return Map.of("lendx.db.replica.max-lag", "1s");
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
}
