package io.lendx.tracing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lendx.application.ApplicationState;
import io.lendx.application.LoanApplication;
import io.lendx.loan.LoanState;
import io.lendx.pool.Pool;
import io.lendx.support.Actors;
import io.lendx.support.Actors.Actor;
import io.lendx.support.GraphQLWs;
import io.lendx.support.DatabaseTest;
import io.lendx.support.Fixtures;
import io.lendx.support.GraphQLClient;
import io.lendx.support.GraphQLHttp;
import io.lendx.support.StatementCounter;
import io.lendx.user.User;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.lendx.support.Eventually.within;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The span tree of a request, exported to memory: the caller's trace continued, the HTTP span,
 * the operation under it, one span per DataLoader batch and per statement (as many as the
 * r2dbc-proxy counter in the tests sees), a mutation's transaction with its writes under it.
 */
@MicronautTest(transactional = false)
class TracingTest extends DatabaseTest {

    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    @Inject
    InMemorySpanExporter exporter;
    @Inject
    GraphQLHttp http;
    @Inject
    Actors actors;
    @Inject
    Fixtures fixtures;
    @Inject
    StatementCounter statements;
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    MeterRegistry meters;

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger access = (Logger) LoggerFactory.getLogger("io.lendx.access");

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("lendx.test.tracing", "true");
        properties.put("lendx.test.count-statements", "true");
        properties.put("lendx.cache.enabled", "false");
        return properties;
    }

    private Level accessLevel;

    @BeforeEach
    void capture() {
        lines.start();
        access.addAppender(lines);
        accessLevel = access.getLevel();
        access.setLevel(Level.INFO);
    }

    @AfterEach
    void release() {
        access.detachAppender(lines);
        access.setLevel(accessLevel);
    }

    @Test
    void anOverviewIsOneTreeUnderTheCallersSpan() {
        User borrower = market();
        exporter.reset();
        statements.reset();

        MutableHttpRequest<String> request = HttpRequest.POST(GraphQLHttp.PATH, http.body(
                        GraphQLClient.load("marketplace/MarketplaceOverview"), Map.of("first", 20)))
                .contentType(MediaType.APPLICATION_JSON)
                .header("traceparent", "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01");
        assertEquals(200, http.exchange(request, null).status());

        List<SpanData> spans = trace(CALLER_TRACE);
        SpanData server = only(spans, span -> span.getKind() == SpanKind.SERVER);
        assertEquals(CALLER_SPAN, server.getParentSpanId(), "the caller's span is the request's parent");
        assertEquals("POST /graphql", server.getName());
        assertEquals(200L, server.getAttributes().get(Attribute.HTTP_RESPONSE_STATUS_CODE));

        SpanData operation = only(spans, span -> span.getName().equals("query MarketplaceOverview"));
        assertEquals(server.getSpanId(), operation.getParentSpanId());
        assertEquals("MarketplaceOverview", operation.getAttributes().get(Attribute.GRAPHQL_OPERATION_NAME));
        assertEquals("query", operation.getAttributes().get(Attribute.GRAPHQL_OPERATION_TYPE));
        assertEquals("success", operation.getAttributes().get(Attribute.GRAPHQL_OUTCOME));
        assertTrue(operation.getAttributes().get(Attribute.GRAPHQL_COST) > 1);
        assertEquals(64, operation.getAttributes().get(Attribute.GRAPHQL_DOCUMENT_HASH).length());

        List<SpanData> batches = spans.stream().filter(span -> span.getName().startsWith("DataLoader ")).toList();
        List<SpanData> sql = spans.stream().filter(span -> span.getKind() == SpanKind.CLIENT).toList();
        assertFalse(batches.isEmpty());
        assertEquals(statements.count(), sql.size(), "one span per statement sent: " + names(sql));
        assertEquals((long) sql.size(), operation.getAttributes().get(Attribute.GRAPHQL_STATEMENTS));
        for (SpanData batch : batches) {
            assertEquals(operation.getSpanId(), batch.getParentSpanId(), batch.getName());
            assertTrue(batch.getAttributes().get(Attribute.DATALOADER_KEYS) > 0, batch.getName());
            assertEquals(1, sql.stream().filter(statement -> statement.getParentSpanId().equals(batch.getSpanId()))
                    .count(), "one statement per batch: " + batch.getName());
        }
        for (SpanData statement : sql) {
            String text = statement.getAttributes().get(Attribute.DB_QUERY_TEXT);
            assertEquals("postgresql", statement.getAttributes().get(Attribute.DB_SYSTEM));
            assertFalse(text.contains(borrower.address()), "no bound value in " + text);
            assertTrue(statement.getParentSpanId().equals(operation.getSpanId())
                    || batches.stream().anyMatch(batch -> batch.getSpanId().equals(statement.getParentSpanId())),
                    "under the operation or one of its batches: " + text);
            assertFalse(statement.getStartEpochNanos() < server.getStartEpochNanos()
                    || statement.getEndEpochNanos() > server.getEndEpochNanos(), "within the request: " + text);
        }
        assertEquals(2L, sql.stream().filter(span -> span.getAttributes().get(Attribute.DB_QUERY_TEXT)
                        .contains("FROM loans")).mapToLong(span -> span.getAttributes().get(Attribute.DB_RETURNED_ROWS))
                .max().orElseThrow(), "the pool's page of loans returned its two rows");
    }

    @Test
    void aMutationTracesItsTransactionWithItsWritesInside() {
        exporter.reset();

        actors.register();

        SpanData operation = exporter.getFinishedSpanItems().stream()
                .filter(span -> span.getName().equals("mutation RegisterUser")).findFirst().orElseThrow();
        List<SpanData> spans = trace(operation.getTraceId());
        SpanData transaction = only(spans, span -> span.getName().equals("transaction"));
        assertEquals(operation.getSpanId(), transaction.getParentSpanId());
        assertEquals("commit", transaction.getAttributes().get(Attribute.DB_TRANSACTION_OUTCOME));
        List<SpanData> writes = spans.stream().filter(span -> span.getName().equals("INSERT")).toList();
        assertFalse(writes.isEmpty(), names(spans));
        writes.forEach(write -> assertEquals(transaction.getSpanId(), write.getParentSpanId(),
                write.getAttributes().get(Attribute.DB_QUERY_TEXT)));
    }

    @Test
    void aRequestWithoutATraceStartsOneAndItsLogLineCarriesIt() {
        exporter.reset();
        lines.list.clear();

        GraphQLHttp.Reply reply = http.post("{ __typename }", Map.of(), null, MediaType.APPLICATION_JSON);

        SpanData server = only(exporter.getFinishedSpanItems(), span -> span.getKind() == SpanKind.SERVER);
        assertFalse(SpanId.isValid(server.getParentSpanId()), "a root span");
        ILoggingEvent line = lines.list.stream()
                .filter(event -> event.getFormattedMessage().contains(reply.header("X-Request-Id")))
                .findFirst().orElseThrow();
        assertEquals(server.getTraceId(), line.getMDCPropertyMap().get("trace_id"));
        assertEquals(server.getSpanId(), line.getMDCPropertyMap().get("span_id"));
    }

    @Test
    void eachEventASubscriberReceivesIsASpanInTheTraceOfItsSocket() {
        Actor lender = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(lender, "5000");
        exporter.reset();
        try (GraphQLWs ws = GraphQLWs.connect(server.getURL(), json).initialise(borrower.apiKey())) {
            ws.subscribe("loans", "subscription($borrower: String) { loanUpdated(borrowerAddress: $borrower) "
                    + "{ address state } }", Map.of("borrower", borrower.address()));
            within(Duration.ofSeconds(20), () -> meters.find("lendx.ws.subscriptions").gauge().value() == 1,
                    "the subscription listens");

            actors.approve(lender, actors.apply(borrower, pool, "1000"));

            assertEquals("next", ws.next().get("type"));
        }
        within(Duration.ofSeconds(5), () -> exporter.getFinishedSpanItems().stream()
                .anyMatch(span -> span.getName().equals("graphql-ws delivery")), "the delivery's span");
        SpanData delivery = only(exporter.getFinishedSpanItems(), span -> span.getName().equals("graphql-ws delivery"));
        assertEquals("loans", delivery.getAttributes().get(Attribute.GRAPHQL_WS_OPERATION_ID));
        SpanData upgrade = only(exporter.getFinishedSpanItems(), span -> span.getKind() == SpanKind.SERVER
                && span.getTraceId().equals(delivery.getTraceId()));
        assertEquals(upgrade.getSpanId(), delivery.getParentSpanId(), "under the request that opened the socket");
        assertEquals("/graphql-ws", upgrade.getAttributes().get(Attribute.URL_PATH));
    }

    /** Every finished span of the trace, once its server span has finished (it ends last). */
    private List<SpanData> trace(String traceId) {
        within(Duration.ofSeconds(5), () -> exporter.getFinishedSpanItems().stream()
                .anyMatch(span -> span.getTraceId().equals(traceId) && span.getKind() == SpanKind.SERVER
                        && span.getName().equals("POST /graphql")), "the request's span");
        return exporter.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    private static SpanData only(List<SpanData> spans, java.util.function.Predicate<SpanData> which) {
        List<SpanData> found = spans.stream().filter(which).toList();
        assertEquals(1, found.size(), () -> names(spans));
        return found.get(0);
    }

    private static String names(List<SpanData> spans) {
        return spans.stream().map(span -> span.getName() + "(" + span.getSpanId() + "<-" + span.getParentSpanId() + ")")
                .toList().toString();
    }

    /** A pool with two loans and a pending application, so that every relation of the overview loads. */
    private User market() {
        Pool pool = fixtures.pool(fixtures.user());
        User borrower = fixtures.user();
        for (int l = 0; l < 2; l++) {
            LoanApplication application = fixtures.application(borrower, pool, ApplicationState.APPROVED);
            fixtures.loan(pool, borrower, application, LoanState.ONGOING, Instant.parse("2099-01-01T00:00:00Z"));
        }
        fixtures.application(fixtures.user(), pool, ApplicationState.PENDING);
        Objects.requireNonNull(borrower.address());
        return borrower;
    }
}
