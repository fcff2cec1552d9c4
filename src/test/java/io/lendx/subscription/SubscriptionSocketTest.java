package io.lendx.subscription;

import io.lendx.support.Actors;
import io.lendx.support.Actors.Actor;
import io.lendx.support.DatabaseTest;
import io.lendx.support.GraphQLClient;
import io.lendx.support.GraphQLWs;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * graphql-ws at /graphql-ws against the real database: events are committed changes that match
 * the subscription's arguments, nothing rolled back is announced, and the protocol's refusals
 * close with its codes.
 */
@MicronautTest(transactional = false)
class SubscriptionSocketTest extends DatabaseTest {

    private static final String LOANS_OF = """
            subscription($borrower: String) {
              loanUpdated(borrowerAddress: $borrower) { address state borrower { address } pool { currentBalance } }
            }""";
    private static final String APPLICATION = """
            subscription($address: String) { applicationUpdated(address: $address) { address state } }""";

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    Actors actors;
    @Inject
    GraphQLClient graphql;
    @Inject
    MeterRegistry meters;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("lendx.ws.max-subscriptions", "2");
        properties.put("lendx.ws.init-timeout", "2s");
        properties.put("lendx.ws.keep-alive", "1s");
        return properties;
    }

    @Test
    void aSubscriberReceivesTheCommittedChangesItsArgumentsMatch() {
        Actor lender = actors.register();
        Actor borrower = actors.register();
        Actor other = actors.register();
        String pool = actors.pool(lender, "5000");
        try (GraphQLWs ws = GraphQLWs.connect(server.getURL(), json).initialise(borrower.apiKey())) {
            assertEquals(GraphQLWs.SUBPROTOCOL, ws.subprotocol());
            double listening = listening();
            ws.subscribe("loans", LOANS_OF, Map.of("borrower", borrower.address()));
            awaitListening(listening + 1);

            actors.approve(lender, actors.apply(other, pool, "500"));
            String loan = actors.approve(lender, actors.apply(borrower, pool, "1000"));

            Map<String, Object> event = ws.next();
            assertEquals("next", event.get("type"), event::toString);
            assertEquals("loans", event.get("id"));
            Map<String, Object> updated = path(event, "payload", "data", "loanUpdated");
            assertEquals(loan, updated.get("address"), "the other borrower's loan is filtered out");
            assertEquals("ONGOING", updated.get("state"));
            assertEquals(borrower.address(), path(updated, "borrower").get("address"));
            assertEquals("3500.000000", path(updated, "pool").get("currentBalance"), "nested fields resolve");

            ws.send(Map.of("id", "loans", "type", "complete"));
            awaitListening(listening);
        }
    }

    @Test
    void aChangeThatRolledBackIsNeverAnnounced() {
        Actor lender = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(lender, "1000");
        String first = actors.apply(borrower, pool, "600");
        String second = actors.apply(borrower, pool, "600");
        actors.approve(lender, first);
        try (GraphQLWs ws = GraphQLWs.connect(server.getURL(), json).initialise(null)) {
            double listening = listening();
            ws.subscribe("second", APPLICATION, Map.of("address", second));
            awaitListening(listening + 1);

            // Marks the application APPROVED (and announces it), then finds the pool short: rolled back.
            graphql.mutation("loan/ApproveApplication", Map.of("applicationAddress", second), lender.apiKey())
                    .singleError("CONFLICT", "INSUFFICIENT_POOL_BALANCE");
            graphql.mutation("application/RejectApplication", Map.of("applicationAddress", second), lender.apiKey());

            Map<String, Object> event = ws.next();
            assertEquals("REJECTED", path(event, "payload", "data", "applicationUpdated").get("state"),
                    () -> "the first event is the committed rejection, not the rolled-back approval: " + event);
        }
    }

    @Test
    void operationsBeyondTheCapAreRefusedWithAnError() {
        try (GraphQLWs ws = GraphQLWs.connect(server.getURL(), json).initialise(null)) {
            ws.subscribe("a", APPLICATION, Map.of("address", "A"));
            ws.subscribe("b", APPLICATION, Map.of("address", "B"));
            ws.subscribe("c", APPLICATION, Map.of("address", "C"));

            Map<String, Object> refused = ws.next();
            assertEquals("error", refused.get("type"), refused::toString);
            assertEquals("c", refused.get("id"));
            Map<String, Object> extensions = path(error(refused), "extensions");
            assertEquals("BAD_USER_INPUT", extensions.get("code"));
            assertEquals("TOO_MANY_SUBSCRIPTIONS", extensions.get("reason"));
        }
    }

    @Test
    void theQueryLimitsApplyToSubscriptions() {
        String deep = "subscription { poolUpdated { " + "loans(first: 1) { nodes { pool { ".repeat(5)
                + "address" + " } } }".repeat(5) + " } }";
        try (GraphQLWs ws = GraphQLWs.connect(server.getURL(), json).initialise(null)) {
            ws.subscribe("deep", deep, Map.of());

            Map<String, Object> refused = ws.next();
            assertEquals("error", refused.get("type"), refused::toString);
            assertEquals("QUERY_TOO_COMPLEX", path(error(refused), "extensions").get("code"));
        }
    }

    @Test
    void pingIsAnsweredWithPong() {
        try (GraphQLWs ws = GraphQLWs.connect(server.getURL(), json).initialise(null)) {
            ws.send(Map.of("type", "ping"));
            assertEquals("pong", ws.next().get("type"));
        }
    }

    @Test
    void aBadKeyInConnectionInitCloses4403() {
        try (GraphQLWs ws = GraphQLWs.connect(server.getURL(), json)) {
            ws.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer not-a-key")));
            assertEquals(4403, ws.closeCode());
        }
    }

    @Test
    void subscribingBeforeTheAckCloses4401() {
        try (GraphQLWs ws = GraphQLWs.connect(server.getURL(), json)) {
            ws.subscribe("early", APPLICATION, Map.of());
            assertEquals(4401, ws.closeCode());
        }
    }

    @Test
    void aSecondInitCloses4429() {
        try (GraphQLWs ws = GraphQLWs.connect(server.getURL(), json).initialise(null)) {
            ws.send(Map.of("type", "connection_init"));
            assertEquals(4429, ws.closeCode());
        }
    }

    @Test
    void aDuplicateIdCloses4409() {
        try (GraphQLWs ws = GraphQLWs.connect(server.getURL(), json).initialise(null)) {
            ws.subscribe("same", APPLICATION, Map.of("address", "A"));
            ws.subscribe("same", APPLICATION, Map.of("address", "B"));
            assertEquals(4409, ws.closeCode());
        }
    }

    @Test
    void anInvalidMessageCloses4400() {
        try (GraphQLWs ws = GraphQLWs.connect(server.getURL(), json)) {
            ws.send("not json");
            assertEquals(4400, ws.closeCode());
        }
    }

    @Test
    void aClientThatAnswersPingsStaysConnected() {
        try (GraphQLWs ws = GraphQLWs.connect(server.getURL(), json).initialise(null)) {
            for (int i = 0; i < 3; i++) {
                assertEquals("ping", ws.nextIncludingPings().get("type"), "keep-alive is 1s here");
            }
            ws.send(Map.of("type", "ping"));
            assertEquals("pong", ws.next().get("type"), "still open after three intervals");
        }
    }

    @Test
    void aClientThatStopsAnsweringPingsCloses4408() {
        try (GraphQLWs ws = GraphQLWs.connect(server.getURL(), json).ignoringPings().initialise(null)) {
            assertEquals(4408, ws.closeCode(), "no pong by the next ping (1s here)");
        }
    }

    @Test
    void aConnectionThatNeverInitialisesCloses4408() {
        try (GraphQLWs ws = GraphQLWs.connect(server.getURL(), json)) {
            assertEquals(4408, ws.closeCode(), "lendx.ws.init-timeout is 2s here");
        }
    }

    private double listening() {
        Gauge gauge = meters.find("lendx.ws.subscriptions").gauge();
        return gauge == null ? 0 : gauge.value();
    }

    /** graphql-ws does not acknowledge a subscribe; the service's gauge tells when it listens. */
    private void awaitListening(double count) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (listening() != count) {
            assertTrue(System.nanoTime() < deadline, () -> "subscriptions listening: " + listening() + ", not " + count);
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Map<String, Object> error(Map<String, Object> message) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) message.get("payload");
        assertEquals(1, errors.size(), message::toString);
        return errors.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> path(Map<String, Object> map, String... keys) {
        Map<String, Object> current = map;
        for (String key : keys) {
            current = (Map<String, Object>) current.get(key);
        }
        return current;
    }
}
