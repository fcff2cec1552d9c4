package io.lendx.http;

import io.lendx.support.DatabaseTest;
import io.lendx.support.GraphQLHttp;
import io.lendx.support.GraphQLHttp.Reply;
import io.lendx.validation.Sha256;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Apollo's automatic persisted queries over POST and GET, as its client link speaks them. */
@MicronautTest(transactional = false)
class PersistedQueriesTest extends DatabaseTest {

    @Inject
    GraphQLHttp http;

    @Test
    void anUnknownHashIsNotFoundThenTheTextIsKeptUnderIt() {
        String query = unique("{ pools(first: 2) { totalCount nodes { address } } }");
        String hash = Sha256.hex(query);

        Reply unknown = http.postPersisted(null, hash, Map.of());
        assertEquals(200, unknown.status(), unknown::toString);
        Map<String, Object> error = unknown.graphql().singleError("PERSISTED_QUERY_NOT_FOUND");
        assertEquals("PersistedQueryNotFound", error.get("message"), "the message Apollo's link looks for");
        assertEquals("no-store", unknown.header("Cache-Control"));

        Reply registered = http.postPersisted(query, hash, Map.of());
        assertEquals(200, registered.status(), registered::toString);
        assertTrue(registered.graphql().errors().isEmpty(), registered::toString);

        Reply byHash = http.postPersisted(null, hash, Map.of());
        assertEquals(registered.graphql().<Object>data("pools"), byHash.graphql().data("pools"));
    }

    @Test
    void aHashThatIsNotTheQuerysIsRefusedAndNothingIsKept() {
        String query = unique("{ pools(first: 1) { totalCount } }");
        String wrong = Sha256.hex(query + " ");

        http.postPersisted(query, wrong, Map.of()).graphql().singleError("BAD_USER_INPUT");
        http.postPersisted(null, wrong, Map.of()).graphql().singleError("PERSISTED_QUERY_NOT_FOUND");
    }

    @Test
    void onlyVersionOneIsSpoken() {
        Map<String, Object> body = new HashMap<>();
        body.put("extensions", Map.of("persistedQuery", Map.of("version", 2, "sha256Hash", "ab")));
        Reply reply = http.post(http.write(body), MediaType.APPLICATION_JSON, MediaType.APPLICATION_JSON, null);

        assertEquals(400, reply.status(), reply::toString);
        reply.graphql().singleError("BAD_USER_INPUT");
    }

    @Test
    void aPersistedQueryRunsOverGetWithCacheHeaders() {
        String query = unique("query Pools { pools(first: 1) { totalCount } }");
        String hash = Sha256.hex(query);

        Reply unknown = get(null, hash);
        unknown.graphql().singleError("PERSISTED_QUERY_NOT_FOUND");
        assertEquals("no-store", unknown.header("Cache-Control"), "a cache must not keep the miss");

        Reply registered = get(query, hash);
        Reply byHash = get(null, hash);

        for (Reply reply : new Reply[]{registered, byHash}) {
            assertEquals(200, reply.status(), reply::toString);
            assertTrue(reply.graphql().errors().isEmpty(), reply::toString);
            assertEquals("no-cache", reply.header("Cache-Control"), "revalidate: a page never goes stale");
            assertTrue(reply.header("Vary").contains("Authorization"), reply::toString);
        }
    }

    @Test
    void aPersistedMutationIsNotRunOverGet() {
        String mutation = unique("mutation { registerUser(input: {address: \"rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh\"}) { apiKey } }");
        String hash = Sha256.hex(mutation);
        Reply reply = get(mutation, hash);

        assertEquals(405, reply.status(), reply::toString);
        assertEquals(0L, count("SELECT count(*) FROM users WHERE address = 'rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh'"));
    }

    private Reply get(String query, String hash) {
        String extensions = http.write(Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)));
        String uri = GraphQLHttp.PATH + "?extensions=" + encode(extensions)
                + (query == null ? "" : "&query=" + encode(query));
        return http.exchange(HttpRequest.GET(uri).accept(MediaType.APPLICATION_JSON_TYPE), null);
    }

    /** A document no other test has made the service keep. */
    private static String unique(String query) {
        return query + " # " + UUID.randomUUID();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
