package io.lendx.http;

import io.lendx.support.DatabaseTest;
import io.lendx.support.GraphQLHttp;
import io.lendx.support.GraphQLHttp.Reply;
import io.lendx.validation.Sha256;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LENDX_GRAPHQL_PERSISTED_ONLY=true: only the operations in graphql/operations run, by hash. */
@MicronautTest(transactional = false)
class PersistedOnlyTest extends DatabaseTest {

    private static final Path OVERVIEW = Path.of("graphql/operations/marketplace/MarketplaceOverview.graphql");

    @Inject
    GraphQLHttp http;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("lendx.graphql.persisted-only", "true");
        return properties;
    }

    @Test
    void aShippedOperationRunsByItsHashAlone() throws IOException {
        String hash = Sha256.hex(Files.readString(OVERVIEW, StandardCharsets.UTF_8));

        Reply reply = http.postPersisted(null, hash, Map.of("first", 2));

        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.graphql().errors().isEmpty(), reply::toString);
        List<?> pools = reply.graphql().data("pools.nodes");
        assertTrue(pools.size() <= 2, reply::toString);
    }

    @Test
    void aShippedOperationSentWithItsHashRunsToo() throws IOException {
        String text = Files.readString(OVERVIEW, StandardCharsets.UTF_8);

        Reply reply = http.postPersisted(text, Sha256.hex(text), Map.of("first", 1));

        assertTrue(reply.graphql().errors().isEmpty(), reply::toString);
    }

    @Test
    void anyOtherDocumentIsRefusedAndNeverKept() {
        String query = "{ pools(first: 1) { totalCount } }";
        String hash = Sha256.hex(query);

        Reply plain = http.post(http.body(query, Map.of()), MediaType.APPLICATION_JSON, MediaType.APPLICATION_JSON,
                null);
        assertEquals(403, plain.status(), plain::toString);
        plain.graphql().singleError("FORBIDDEN", "PERSISTED_QUERY_NOT_ALLOWED");

        http.postPersisted(null, hash, Map.of()).graphql().singleError("PERSISTED_QUERY_NOT_FOUND");
        http.postPersisted(query, hash, Map.of()).graphql().singleError("FORBIDDEN", "PERSISTED_QUERY_NOT_ALLOWED");
        http.postPersisted(null, hash, Map.of()).graphql().singleError("PERSISTED_QUERY_NOT_FOUND");
    }
}
