package io.lendx.cache;

import io.lendx.config.SampleMarketplace;
import io.lendx.support.CacheMeters;
import io.lendx.support.DatabaseTest;
import io.lendx.support.GraphQLHttp;
import io.lendx.support.GraphQLHttp.Reply;
import io.micronaut.data.r2dbc.operations.R2dbcOperations;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Loading the sample marketplace into an empty database drops the answers that said it was empty. */
@MicronautTest(transactional = false)
class SampleLoadingTest extends DatabaseTest {

    private static final String COUNTS = "query Counts { users { totalCount } pools { totalCount } }";

    @Inject
    GraphQLHttp http;
    @Inject
    R2dbcOperations operations;
    @Inject
    Clock clock;
    @Inject
    CacheMeters meters;

    @Test
    void theSampleShowsInTheNextAnswer() {
        post();
        Reply empty = post();
        assertEquals("HIT", empty.header("X-Cache"));
        assertEquals(0, empty.graphql().<Integer>data("users.totalCount"));
        double notices = meters.invalidations("pools");

        // The service's own loader, as start-up runs it when LENDX_SAMPLE_DATA_ENABLED is on.
        assertEquals(true, new SampleMarketplace(operations, clock).load().block());
        meters.awaitInvalidation("pools", notices);

        Reply loaded = post();
        assertEquals(12, loaded.graphql().<Integer>data("users.totalCount"));
        assertEquals(5, loaded.graphql().<Integer>data("pools.totalCount"));
    }

    private Reply post() {
        return http.post(COUNTS, Map.of(), null, MediaType.APPLICATION_JSON);
    }
}
