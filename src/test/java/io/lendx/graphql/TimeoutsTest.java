package io.lendx.graphql;

import io.lendx.support.GraphQLHttp;
import io.lendx.support.GraphQLHttp.Reply;
import io.lendx.support.DatabaseTest;
import io.lendx.support.Fixtures;
import io.lendx.support.GraphQLResponse;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import static io.lendx.support.GraphQLHttp.GRAPHQL_RESPONSE_JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL's statement_timeout on the application's own connections, and the per-request
 * timeout (250 ms here). A request is made slow deterministically: a JDBC transaction of the
 * test holds an exclusive lock on the table the request reads or writes until it has its answer.
 */
@MicronautTest(transactional = false)
class TimeoutsTest extends DatabaseTest {

    private static final String POOLS = "{ pools(first: 10) { totalCount nodes { address issuer { address } } } }";

    @Inject
    ConnectionFactory connections;
    @Inject
    GraphQLHttp http;
    @Inject
    Fixtures fixtures;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("lendx.graphql.request-timeout", "250ms");
        return properties;
    }

    @BeforeAll
    void aPool() {
        fixtures.pool(fixtures.user());
    }

    @Test
    void theApplicationsConnectionsHaveAFiveSecondStatementTimeout() {
        String timeout = Mono.usingWhen(connections.create(),
                connection -> Flux.from(connection.createStatement("SHOW statement_timeout").execute())
                        .flatMap(result -> result.map((row, metadata) -> row.get(0, String.class)))
                        .single(),
                Connection::close).block(Duration.ofSeconds(10));

        assertEquals("5s", timeout);
    }

    @Test
    void anUnhinderedRequestIsAnswered() {
        Reply reply = http.post(POOLS, Map.of(), null, MediaType.APPLICATION_JSON);

        assertEquals(1, (int) reply.graphql().data("pools.totalCount"));
    }

    @Test
    void aRequestThatRunsOutOfTimeIsOneCodedError() throws SQLException {
        Reply reply = whileLocked("pools", () -> http.post(POOLS, Map.of(), null, MediaType.APPLICATION_JSON));

        assertEquals(200, reply.status(), reply::toString);
        GraphQLResponse response = reply.graphql();
        Map<String, Object> error = response.singleError("INTERNAL_SERVER_ERROR");
        assertEquals("TIMEOUT", ((Map<?, ?>) error.get("extensions")).get("reason"), reply::toString);
        assertNull(response.body().get("data"), reply::toString);
        GraphQLHttp.assertNoInternals(reply.body());
    }

    /** A timeout is the server's failure, not a bad request: 5xx under graphql-response+json. */
    @Test
    void aTimeoutIsAServerErrorStatusUnderGraphQLResponseJson() throws SQLException {
        Reply reply = whileLocked("pools", () -> http.post(POOLS, Map.of(), null, GRAPHQL_RESPONSE_JSON));

        assertTrue(reply.status() >= 500 && reply.status() < 600, reply::toString);
    }

    /**
     * A mutation cut off at the request timeout is cancelled in its transaction, which rolls
     * back: the same registration sent again then succeeds (it would be a DUPLICATE had the first
     * committed; it waits on the address's key until the first has ended, so no sleep is needed).
     */
    @Test
    void aMutationThatRanOutOfTimeChangesNothing() {
        String address = Fixtures.newAddress();
        String register = "mutation R($input: RegisterUserInput!) { registerUser(input: $input) { apiKey } }";

        Reply reply = whileLocked("users", () -> http.post(register, Map.of("input", Map.of("address", address)),
                null, MediaType.APPLICATION_JSON));

        Map<String, Object> error = reply.graphql().singleError("INTERNAL_SERVER_ERROR");
        assertEquals("TIMEOUT", ((Map<?, ?>) error.get("extensions")).get("reason"), reply::toString);
        Reply again = http.post(register, Map.of("input", Map.of("address", address)), null,
                MediaType.APPLICATION_JSON);
        assertTrue(again.graphql().errors().isEmpty(), again::toString);
        assertEquals(1, count("SELECT count(*) FROM audit_events WHERE target = ? AND outcome = 'SUCCESS'", address));
        assertEquals(1, count("SELECT count(*) FROM users WHERE address = ?", address));
    }

}
