package io.lendx.dbpool;

import io.lendx.support.DatabaseTest;
import io.lendx.support.GraphQLHttp;
import io.lendx.support.GraphQLHttp.Reply;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LENDX_DB_POOL_ACQUIRE_TIMEOUT with the real pool: while every connection is taken, a request
 * waits that long and fails with DATABASE_UNAVAILABLE; once one is given back, requests succeed.
 */
@MicronautTest(transactional = false)
class AcquisitionTimeoutTest extends DatabaseTest {

    private static final String QUERY = "query Pools { pools(first: 1) { totalCount } }";

    @Inject
    GraphQLHttp http;

    @Inject
    ConnectionFactory connections;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("lendx.db.pool.acquire-timeout", "300ms");
        properties.put("r2dbc.datasources.default.options.initialSize", "1");
        properties.put("r2dbc.datasources.default.options.maxSize", "1");
        properties.put("lendx.cache.enabled", "false");
        return properties;
    }

    @Test
    void aRequestWaitsNoLongerThanTheTimeoutForAConnection() {
        assertTrue(post().graphql().errors().isEmpty(), "the pool serves while a connection is free");
        Connection held = Mono.from(connections.create()).block();
        try {
            long started = System.nanoTime();
            Reply refused = post();
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;

            Map<String, Object> error = refused.graphql().singleError("INTERNAL_SERVER_ERROR", "DATABASE_UNAVAILABLE");
            assertTrue(String.valueOf(error.get("message")).startsWith("The database is unavailable"), refused::toString);
            assertTrue(waitedMillis >= 300, "waited " + waitedMillis + " ms, not the timeout");
        } finally {
            Mono.from(held.close()).block();
        }
        Reply after = post();
        assertTrue(after.graphql().errors().isEmpty(), after::toString);
    }

    private Reply post() {
        return http.post(QUERY, Map.of(), null, MediaType.APPLICATION_JSON);
    }
}
