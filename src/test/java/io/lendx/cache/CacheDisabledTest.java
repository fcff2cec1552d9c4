package io.lendx.cache;

import io.lendx.support.DatabaseTest;
import io.lendx.support.GraphQLHttp;
import io.lendx.support.GraphQLHttp.Reply;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** LENDX_CACHE_ENABLED=false: every query executes, and the HTTP headers still follow its policy. */
@MicronautTest(transactional = false)
class CacheDisabledTest extends DatabaseTest {

    @Inject
    GraphQLHttp http;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("lendx.cache.enabled", "false");
        return properties;
    }

    @Test
    void everyQueryIsExecuted() {
        String query = "query Off { pools(first: 1) { totalCount } }";

        Reply first = http.post(query, Map.of(), null, MediaType.APPLICATION_JSON);
        Reply second = http.post(query, Map.of(), null, MediaType.APPLICATION_JSON);

        assertEquals("BYPASS", first.header("X-Cache"));
        assertEquals("BYPASS", second.header("X-Cache"));
        assertEquals("no-cache", second.header("Cache-Control"));
        assertNotNull(second.header("ETag"));
        assertEquals(first.header("ETag"), second.header("ETag"));
    }
}
