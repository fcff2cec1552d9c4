package io.lendx.graphql;

import io.lendx.support.GraphQLHttp;
import io.lendx.support.GraphQLHttp.Reply;
import io.lendx.support.DatabaseTest;
import io.lendx.support.Fixtures;
import io.lendx.support.GraphQLResponse;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A statement PostgreSQL cancels at statement_timeout (300 ms here) is a coded error with an
 * error id, not a driver message. The statement is held up by a lock the test takes.
 */
@MicronautTest(transactional = false)
class StatementTimeoutTest extends DatabaseTest {

    @Inject
    GraphQLHttp http;
    @Inject
    Fixtures fixtures;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("r2dbc.datasources.default.options.statementTimeout", "PT0.3S");
        return properties;
    }

    @Test
    void aCancelledStatementIsAnInternalErrorWithReasonTimeout() throws SQLException {
        fixtures.pool(fixtures.user());
        Reply reply = whileLocked("pools",
                () -> http.post("{ pools { totalCount } }", Map.of(), null, MediaType.APPLICATION_JSON));

        GraphQLResponse response = reply.graphql();
        Map<?, ?> extensions = (Map<?, ?>) response.singleError("INTERNAL_SERVER_ERROR").get("extensions");
        assertEquals("TIMEOUT", extensions.get("reason"), reply::toString);
        assertTrue(String.valueOf(extensions.get("errorId")).matches("[0-9a-f-]{36}"), reply::toString);
        GraphQLHttp.assertNoInternals(reply.body());
        assertEquals(1, (int) http.post("{ pools { totalCount } }", Map.of(), null, MediaType.APPLICATION_JSON)
                .graphql().data("pools.totalCount"));
    }
}
