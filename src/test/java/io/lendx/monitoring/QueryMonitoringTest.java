package io.lendx.monitoring;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lendx.support.Actors;
import io.lendx.support.DatabaseTest;
import io.lendx.support.GraphQLClient;
import io.lendx.support.GraphQLHttp;
import io.lendx.support.StatementCounter;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Query performance monitoring: every request's statements are counted (the same number the
 * r2dbc-proxy counter in the tests sees), and show in the slow-operation log, the Server-Timing
 * header and the per-operation histograms. The threshold is zero here, so every request is slow.
 */
@MicronautTest(transactional = false)
class QueryMonitoringTest extends DatabaseTest {

    private static final Pattern SERVER_TIMING =
            Pattern.compile("db;dur=(\\d+\\.\\d), exec;dur=(\\d+\\.\\d), total;dur=(\\d+\\.\\d)");
    private static final Pattern SLOW_LINE = Pattern.compile(
            "Slow operation (\\S+) \\(POST /graphql\\): (\\d+) ms, (\\d+) statements in (\\d+) ms, cost (\\S+), "
                    + "request_id=(\\S+) trace_id=-");

    @Inject
    GraphQLHttp http;
    @Inject
    Actors actors;
    @Inject
    StatementCounter statements;
    @Inject
    @Client("/")
    HttpClient client;

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger slow = (Logger) LoggerFactory.getLogger("io.lendx.slow");

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("lendx.test.count-statements", "true");
        properties.put("lendx.cache.enabled", "false");
        properties.put("lendx.slow-operation-threshold", "0ms");
        return properties;
    }

    @BeforeEach
    void capture() {
        lines.start();
        slow.addAppender(lines);
    }

    @AfterEach
    void release() {
        slow.detachAppender(lines);
    }

    /**
     * Run several times: a statement's end was once recorded after the request had already
     * answered (and logged) without it.
     */
    @Test
    void aSlowQueryIsLoggedWithEveryStatementItSent() {
        actors.pool(actors.register(), "1000.000000");
        for (int run = 0; run < 10; run++) {
            statements.reset();
            lines.list.clear();

            GraphQLHttp.Reply reply = overview();

            Matcher line = slowLineOf("MarketplaceOverview");
            assertEquals(statements.count(), Integer.parseInt(line.group(3)), "statements, as the proxy counted them");
            assertTrue(statements.count() > 1, "the overview's statements: " + statements.count());
            assertTrue(Integer.parseInt(line.group(5)) > 1, "the cost the query limits counted: " + line.group(5));
            assertEquals(reply.header("X-Request-Id"), line.group(6));
        }
    }

    @Test
    void aMutationCountsTheStatementsOfItsTransaction() {
        statements.reset();
        lines.list.clear();

        actors.register();

        // Registering is two operations: asking for a challenge, then registering with its signature.
        int challenge = Integer.parseInt(slowLineOf("RequestSignInChallenge").group(3));
        int registration = Integer.parseInt(slowLineOf("RegisterUser").group(3));
        assertTrue(registration > 1, "the registration's statements: " + registration);
        assertEquals(statements.count(), challenge + registration, "statements, as the proxy counted them");
    }

    @Test
    void theServerTimingHeaderSaysWhereTheTimeWent() {
        actors.pool(actors.register(), "1000.000000");

        Matcher timing = SERVER_TIMING.matcher(overview().header("Server-Timing"));

        assertTrue(timing.matches(), timing::toString);
        double db = Double.parseDouble(timing.group(1));
        double exec = Double.parseDouble(timing.group(2));
        double total = Double.parseDouble(timing.group(3));
        assertTrue(db > 0 && exec > 0, "db " + db + ", exec " + exec);
        assertTrue(total >= exec, "total " + total + " covers exec " + exec);
    }

    @Test
    void statementsAndDatabaseTimeAreHistogramsByOperation() {
        actors.pool(actors.register(), "1000.000000");
        String before = prometheus();
        statements.reset();
        double count = sample(before, "graphql_request_statements_count");
        double sum = sample(before, "graphql_request_statements_sum");
        double dbCount = sample(before, "graphql_request_database_seconds_count");

        overview();
        overview();

        String after = prometheus();
        assertEquals(count + 2, sample(after, "graphql_request_statements_count"));
        assertEquals(sum + statements.count(), sample(after, "graphql_request_statements_sum"));
        assertEquals(dbCount + 2, sample(after, "graphql_request_database_seconds_count"));
        assertTrue(after.contains("graphql_request_statements_bucket{operation=\"MarketplaceOverview\",le=\"10.0\"}"),
                after);
    }

    @Test
    void prodSendsNoServerTimingUnlessAskedTo() {
        assertNull(serverTimingIn(Map.of(), "prod"));
        assertNotNull(serverTimingIn(Map.of("lendx.server-timing", "true"), "prod"));
    }

    private String serverTimingIn(Map<String, String> settings, String environment) {
        Map<String, Object> properties = new HashMap<>(getProperties());
        properties.putAll(settings);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "test", environment)) {
            return server.getApplicationContext().getBean(GraphQLHttp.class)
                    .post("{ __typename }", Map.of(), null, MediaType.APPLICATION_JSON).header("Server-Timing");
        }
    }

    private GraphQLHttp.Reply overview() {
        GraphQLHttp.Reply reply = http.post(GraphQLClient.load("marketplace/MarketplaceOverview"), Map.of("first", 20),
                null, MediaType.APPLICATION_JSON);
        assertEquals(200, reply.status(), reply::toString);
        return reply;
    }

    private Matcher slowLineOf(String operation) {
        List<String> logged = lines.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(message -> message.startsWith("Slow operation " + operation + " ")).toList();
        assertEquals(1, logged.size(), logged::toString);
        Matcher line = SLOW_LINE.matcher(logged.get(0));
        assertTrue(line.matches(), logged.get(0));
        return line;
    }

    private String prometheus() {
        return client.toBlocking().retrieve(HttpRequest.GET("/prometheus").accept(MediaType.TEXT_PLAIN_TYPE));
    }

    private static double sample(String exposition, String name) {
        Matcher sample = Pattern.compile("^" + name + "\\{operation=\"MarketplaceOverview\",?}? (\\S+)$",
                Pattern.MULTILINE).matcher(exposition);
        return sample.find() ? Double.parseDouble(sample.group(1)) : 0;
    }
}
