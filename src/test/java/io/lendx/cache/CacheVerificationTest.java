package io.lendx.cache;

import io.lendx.support.Actors;
import io.lendx.support.Actors.Actor;
import io.lendx.support.CacheMeters;
import io.lendx.support.DatabaseTest;
import io.lendx.support.Eventually;
import io.lendx.support.GraphQLHttp;
import io.lendx.support.GraphQLHttp.Reply;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LENDX_CACHE_VERIFY_RATE=1: every hit is executed again and compared; under reads and writes none differs. */
@MicronautTest(transactional = false)
class CacheVerificationTest extends DatabaseTest {

    private static final String POOL = "query Verified($address: String!) { pool(address: $address) { currentBalance"
            + " applications(first: 10) { totalCount nodes { state principal } }"
            + " loans(first: 10) { nodes { state isOverdue borrower { address } } } } }";

    @Inject
    GraphQLHttp http;
    @Inject
    Actors actors;
    @Inject
    CacheMeters meters;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("lendx.cache.verify-rate", "1");
        return properties;
    }

    @Test
    void aMixedLoadServesNoAnswerThatAFreshExecutionContradicts() {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "100000");
        double hitsBefore = meters.requests("hit");

        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int round = 0; round < 8; round++) {
                String loan = actors.approve(issuer, actors.apply(borrower, pool, "1000"));
                actors.apply(borrower, pool, "200");
                http.post("mutation($l: String!) { repayLoan(input: {loanAddress: $l}) { loan { state } } }",
                        Map.of("l", loan), borrower.apiKey(), MediaType.APPLICATION_JSON);
            }
        });
        List<CompletableFuture<Void>> readers = new ArrayList<>();
        for (int reader = 0; reader < 3; reader++) {
            readers.add(CompletableFuture.runAsync(() -> {
                while (!writer.isDone()) {
                    Reply reply = read(pool);
                    assertTrue(reply.graphql().errors().isEmpty(), reply::toString);
                }
            }));
        }
        writer.join();
        readers.forEach(CompletableFuture::join);
        // Then hits with nothing changing: each of their verifications must complete and agree.
        read(pool);
        double verifiedBefore = meters.counter("lendx_cache_verifications");
        for (int i = 0; i < 20; i++) {
            assertEquals("HIT", read(pool).header("X-Cache"));
        }
        Eventually.within(Duration.ofSeconds(10),
                () -> meters.counter("lendx_cache_verifications") >= verifiedBefore + 20, "twenty verifications");

        System.out.printf("%.0f hits, %.0f verified, %.0f mismatches%n", meters.requests("hit") - hitsBefore,
                meters.counter("lendx_cache_verifications"), meters.counter("lendx_cache_verify_mismatches"));
        assertTrue(meters.requests("hit") - hitsBefore > 20, "the load was served from the cache too");
        assertEquals(0.0, meters.counter("lendx_cache_verify_mismatches"));
    }

    private Reply read(String pool) {
        return http.post(POOL, Map.of("address", pool), null, MediaType.APPLICATION_JSON);
    }
}
