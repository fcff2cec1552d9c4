package io.lendx.cache;

import io.lendx.ops.InFlightRequests;
import io.lendx.support.Actors;
import io.lendx.support.Actors.Actor;
import io.lendx.support.CacheMeters;
import io.lendx.support.DatabaseTest;
import io.lendx.support.Eventually;
import io.lendx.support.GraphQLHttp;
import io.lendx.support.GraphQLHttp.Reply;
import io.lendx.support.MutableClock;
import io.lendx.support.TestDatabase;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a client sees of the response cache: hits, headers, scopes, the clock, races and a lost listener. */
@MicronautTest(transactional = false)
class ResponseCacheTest extends DatabaseTest {

    private static final String POOL = "query CachedPool($address: String!) { pool(address: $address) {"
            + " address currentBalance issuer { address did } } }";

    @Inject
    GraphQLHttp http;
    @Inject
    Actors actors;
    @Inject
    CacheMeters meters;
    @Inject
    MutableClock clock;
    @Inject
    InFlightRequests inFlight;

    @Test
    void aRepeatedQueryIsAHitWithTheSameBytesAndValidators() {
        String pool = actors.pool(actors.register(), "5000");

        Reply miss = post(POOL, Map.of("address", pool), null);
        Reply hit = post(POOL, Map.of("address", pool), null);

        assertEquals("MISS", miss.header("X-Cache"), miss::toString);
        assertEquals("HIT", hit.header("X-Cache"), hit::toString);
        assertEquals(miss.body(), hit.body());
        assertNotNull(miss.header("ETag"));
        assertEquals(miss.header("ETag"), hit.header("ETag"));
        assertTrue(miss.header("ETag").startsWith("\""), "a strong ETag");
        assertEquals("0", hit.header("Age"));
        assertNull(miss.header("Age"));
        assertEquals("no-cache", hit.header("Cache-Control"), "HTTP caches revalidate: they hear no invalidation");
    }

    @Test
    void anotherVariableIsAnotherEntry() {
        Actor issuer = actors.register();
        String first = actors.pool(issuer, "5000");
        String second = actors.pool(issuer, "6000");
        post(POOL, Map.of("address", first), null);

        Reply other = post(POOL, Map.of("address", second), null);

        assertEquals("MISS", other.header("X-Cache"));
        assertEquals("6000.000000", other.graphql().data("pool.currentBalance"));
    }

    @Test
    void aGetWithTheETagIsNotModified() {
        String pool = actors.pool(actors.register(), "5000");
        String url = "/graphql?query=" + encode(POOL) + "&variables=" + encode("{\"address\":\"" + pool + "\"}");
        Reply first = http.exchange(HttpRequest.GET(url), null);
        assertEquals(200, first.status(), first::toString);

        Reply again = http.exchange(HttpRequest.GET(url).header(HttpHeaders.IF_NONE_MATCH, first.header("ETag")), null);
        Reply otherTag = http.exchange(HttpRequest.GET(url).header(HttpHeaders.IF_NONE_MATCH, "\"other\""), null);

        assertEquals(304, again.status(), again::toString);
        assertEquals("", again.body());
        assertEquals(first.header("ETag"), again.header("ETag"));
        assertEquals(200, otherTag.status());
        assertEquals(first.body(), otherTag.body());
    }

    @Test
    void noCacheFromTheClientExecutesAfresh() {
        String pool = actors.pool(actors.register(), "5000");
        post(POOL, Map.of("address", pool), null);

        Reply fresh = http.exchange(request(POOL, Map.of("address", pool)).header(HttpHeaders.CACHE_CONTROL, "no-cache"),
                null);

        assertEquals("MISS", fresh.header("X-Cache"));
    }

    @Test
    void answersWithErrorsAreNeverStored() {
        String tooMany = "query TooMany { pools(first: 101) { totalCount } }";

        Reply first = post(tooMany, Map.of(), null);
        Reply second = post(tooMany, Map.of(), null);

        first.graphql().singleError("BAD_USER_INPUT");
        assertEquals("no-store", first.header("Cache-Control"));
        assertEquals("MISS", second.header("X-Cache"), "an error is executed again");
    }

    @Test
    void adminOnlyReadsAreNeverStored() {
        String audit = "{ auditEvents(first: 1) { totalCount } }";

        Reply first = post(audit, Map.of(), Actors.ADMIN_KEY);
        Reply second = post(audit, Map.of(), Actors.ADMIN_KEY);

        assertTrue(first.graphql().errors().isEmpty(), first::toString);
        assertEquals("BYPASS", second.header("X-Cache"));
        assertEquals("no-store", second.header("Cache-Control"));
    }

    @Test
    void mutationsBypassTheCache() {
        Actor issuer = actors.register();
        Reply created = post("mutation { createPool(input: {totalBalance: \"900\", minimumLoan: \"100\","
                + " durationDays: 30, interestRate: \"1\"}) { pool { address } } }", Map.of(), issuer.apiKey());

        assertEquals("BYPASS", created.header("X-Cache"));
        assertEquals("no-store", created.header("Cache-Control"));
    }

    @Test
    void twoKeysNeverSeeEachOthersPrivateAnswers() {
        Actor alice = actors.register();
        Actor bob = actors.register();
        String viewer = "query Me { viewer { address } }";

        Reply aliceFirst = post(viewer, Map.of(), alice.apiKey());
        Reply aliceAgain = post(viewer, Map.of(), alice.apiKey());
        Reply bobFirst = post(viewer, Map.of(), bob.apiKey());
        Reply anonymous = post(viewer, Map.of(), null);

        assertEquals(alice.address(), aliceFirst.graphql().data("viewer.address"));
        assertEquals("HIT", aliceAgain.header("X-Cache"));
        assertEquals("private, no-cache", aliceAgain.header("Cache-Control"));
        assertEquals(bob.address(), bobFirst.graphql().data("viewer.address"));
        assertEquals("MISS", bobFirst.header("X-Cache"));
        assertNull(anonymous.graphql().data("viewer"));
    }

    @Test
    void aFetcherThatReadsTheCallerMakesTheAnswerPrivate() {
        Actor alice = actors.register();
        Actor bob = actors.register();
        // viewer carries PRIVATE in the SDL; under an alias and next to public data the rule is the same.
        String mixed = "query Mixed { me: viewer { address } pools(first: 1) { totalCount } }";

        post(mixed, Map.of(), alice.apiKey());
        Reply bobs = post(mixed, Map.of(), bob.apiKey());

        assertEquals(bob.address(), bobs.graphql().data("me.address"));
    }

    @Test
    void movingTheClockPastALoansEndDateFlipsIsOverdueWithoutAnyWrite() {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "5000");
        String loan = actors.approve(issuer, actors.apply(borrower, pool, "1000"));
        String query = "query Overdue($address: String!) { loan(address: $address) { isOverdue endDate } }";
        Reply before = post(query, Map.of("address", loan), null);
        assertEquals(false, before.graphql().data("loan.isOverdue"));
        assertEquals("HIT", post(query, Map.of("address", loan), null).header("X-Cache"));
        Instant endDate = Instant.parse(before.graphql().data("loan.endDate"));

        clock.advance(Duration.between(clock.instant(), endDate).plusSeconds(1));
        Reply after = post(query, Map.of("address", loan), null);

        assertEquals(true, after.graphql().data("loan.isOverdue"), after::toString);
        assertEquals("MISS", after.header("X-Cache"));
    }

    @Test
    void anEntryHoldingAnOpenLoanTellsHttpCachesWhenItFlips() {
        Actor issuer = actors.register();
        String pool = actors.pool(issuer, "5000");
        String loan = actors.approve(issuer, actors.apply(actors.register(), pool, "1000"));
        String query = "query Due($address: String!) { loan(address: $address) { isOverdue } }";

        Reply reply = post(query, Map.of("address", loan), null);

        // max-age would be capped at 30 days by the loan, at an hour by the schema and at 0 by LENDX_GRAPHQL_GET_MAX_AGE.
        assertEquals("no-cache", reply.header("Cache-Control"));
    }

    @Test
    void theOverdueFilterChangesWithTimeAndIsNeverStored() {
        String query = "{ loans(first: 5, filter: {overdue: true}) { totalCount } }";

        post(query, Map.of(), null);
        Reply second = post(query, Map.of(), null);

        assertEquals("MISS", second.header("X-Cache"));
        assertEquals("no-store", second.header("Cache-Control"));
    }

    @Test
    void aReadInFlightWhileItsTableChangesIsNotStored() throws Exception {
        String pool = actors.pool(actors.register(), "5000");
        String query = "query InFlight($address: String!) { pool(address: $address) { currentBalance"
                + " loans(first: 1) { totalCount } } }";
        double poolNotices = meters.invalidations("pools");
        CompletableFuture<Reply> inFlight;
        try (Connection lock = TestDatabase.connect(database())) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("LOCK TABLE loans IN ACCESS EXCLUSIVE MODE");
            }
            // The read has its pool (5000) and waits on the loans.
            inFlight = CompletableFuture.supplyAsync(() -> post(query, Map.of("address", pool), null));
            Eventually.within(Duration.ofSeconds(5), () -> count("SELECT count(*) FROM pg_locks"
                    + " WHERE NOT granted AND relation = 'loans'::regclass") > 0, "the read to wait on the loans");
            execute("UPDATE pools SET current_balance = 4000 WHERE pool_address = '" + pool + "'");
            meters.awaitInvalidation("pools", poolNotices);
            lock.commit();
        }
        Reply stale = inFlight.get();
        Reply next = post(query, Map.of("address", pool), null);

        assertEquals("5000.000000", stale.graphql().data("pool.currentBalance"), "read before the change");
        assertEquals("MISS", next.header("X-Cache"), "the in-flight answer was not kept");
        assertEquals("4000.000000", next.graphql().data("pool.currentBalance"));
    }

    @Test
    void concurrentIdenticalMissesShareOneExecution() throws Exception {
        String pool = actors.pool(actors.register(), "5000");
        String query = "query Shared($address: String!) { pool(address: $address) { currentBalance } }";
        List<CompletableFuture<Reply>> replies = new ArrayList<>();
        whileLocked("pools", () -> {
            for (int i = 0; i < 6; i++) {
                replies.add(CompletableFuture.supplyAsync(() -> post(query, Map.of("address", pool), null)));
            }
            Eventually.within(Duration.ofSeconds(5), () -> inFlight.count() >= 6, "six requests under way");
            assertEquals(1L, count("SELECT count(*) FROM pg_locks WHERE NOT granted"
                    + " AND relation = 'pools'::regclass"), "one execution waits on the pool");
            return null;
        });
        for (CompletableFuture<Reply> reply : replies) {
            assertEquals("5000.000000", reply.get().graphql().data("pool.currentBalance"));
        }
        long shared = replies.stream().filter(reply -> "HIT".equals(reply.join().header("X-Cache"))).count();
        assertEquals(5, shared, "five waited for the one execution");
    }

    @Test
    void whileTheListenerIsDownAnswersAreCorrectAndTheCacheResumesAfterReconnecting() throws Exception {
        String pool = actors.pool(actors.register(), "5000");
        post(POOL, Map.of("address", pool), null);
        assertEquals("HIT", post(POOL, Map.of("address", pool), null).header("X-Cache"));

        assertEquals(1L, count("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE query LIKE 'LISTEN %' AND datname = current_database()"));
        Eventually.within(Duration.ofSeconds(5),
                () -> "BYPASS".equals(post(POOL, Map.of("address", pool), null).header("X-Cache")), "the bypass");
        execute("UPDATE pools SET current_balance = 4500 WHERE pool_address = '" + pool + "'");
        Reply whileDown = post(POOL, Map.of("address", pool), null);

        assertEquals("4500.000000", whileDown.graphql().data("pool.currentBalance"));
        assertEquals("BYPASS", whileDown.header("X-Cache"));
        Eventually.within(Duration.ofSeconds(10),
                () -> "MISS".equals(post(POOL, Map.of("address", pool), null).header("X-Cache")), "the cache to resume");
        Reply resumed = post(POOL, Map.of("address", pool), null);
        assertEquals("HIT", resumed.header("X-Cache"));
        assertEquals("4500.000000", resumed.graphql().data("pool.currentBalance"));
    }

    @Test
    void theMetricsCountWhatTheCacheDid() {
        Reply metrics = http.exchange(HttpRequest.GET("/prometheus"), null);

        for (String name : new String[]{"lendx_cache_requests_total", "lendx_cache_bytes", "lendx_cache_entries",
                "lendx_cache_evictions_total", "lendx_cache_verify_mismatches_total"}) {
            assertTrue(metrics.body().contains(name), name);
        }
        assertFalse(metrics.body().contains("lendx_cache_verify_mismatches_total 1"));
    }

    private Reply post(String document, Map<String, Object> variables, String apiKey) {
        return http.post(document, variables, apiKey, MediaType.APPLICATION_JSON);
    }

    private io.micronaut.http.MutableHttpRequest<String> request(String document, Map<String, Object> variables) {
        return HttpRequest.POST(GraphQLHttp.PATH, http.body(document, variables)).contentType(MediaType.APPLICATION_JSON);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

}
