package io.lendx.ops;

import io.lendx.support.Actors;
import io.lendx.support.Actors.Actor;
import io.lendx.support.DatabaseTest;
import io.lendx.support.GraphQLClient;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.lendx.support.Actors.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /prometheus: GraphQL timers and errors, DataLoader batch sizes, the R2DBC pool and the JVM. */
@MicronautTest(transactional = false)
class MetricsTest extends DatabaseTest {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    GraphQLClient graphql;
    @Inject
    Actors actors;

    /** One sample line of the text format: a name, its labels and a value. */
    private record Sample(String name, Map<String, String> labels, double value) {
    }

    @Test
    void theEndpointAnswersInThePrometheusTextFormatWithoutAKey() {
        HttpResponse<String> response = http.toBlocking().exchange(
                HttpRequest.GET("/prometheus").accept(MediaType.TEXT_PLAIN_TYPE), String.class);
        assertEquals(HttpStatus.OK, response.getStatus());
        assertTrue(response.getContentType().orElseThrow().getName().startsWith("text/plain"),
                () -> "Content-Type " + response.getContentType());
        assertTrue(response.body().contains("# TYPE jvm_memory_used_bytes gauge"), response.body());
    }

    /** Micronaut's own per-request timer is off: its filter cost a small query 6 % (bench/README). */
    @Test
    void requestsAreTimedByOperationNotAlsoByMicronautsPerRequestFilter() {
        graphql.operation("pool/ListPools", Map.of("first", 1));

        String exposition = http.toBlocking().retrieve(HttpRequest.GET("/prometheus").accept(MediaType.TEXT_PLAIN_TYPE));
        assertTrue(exposition.contains("graphql_request_seconds_count{"), exposition);
        assertFalse(exposition.contains("http_server_requests"), "Micronaut's http_server_requests is off");
    }

    @Test
    void aNamedQueryIsTimedByOperationTypeAndOutcome() {
        Map<String, String> tags = Map.of("operation", "ListPools", "type", "query", "outcome", "success");
        double before = value("graphql_request_seconds_count", tags);

        graphql.operation("pool/ListPools").data("pools.totalCount");
        graphql.operation("pool/ListPools").data("pools.totalCount");

        List<Sample> samples = scrape();
        assertEquals(before + 2, value(samples, "graphql_request_seconds_count", tags));
        assertTrue(value(samples, "graphql_request_seconds_sum", tags) > 0);
        assertTrue(value(samples, "graphql_request_seconds_max", tags) > 0);
    }

    @Test
    void aRefusedMutationCountsAsAnErrorByCode() {
        Map<String, String> unauthenticated = Map.of("code", "UNAUTHENTICATED");
        Map<String, String> timer = Map.of("operation", "CreatePool", "type", "mutation", "outcome", "error");
        List<Sample> before = scrape();
        double errorsBefore = value(before, "graphql_errors_total", unauthenticated);
        double requestsBefore = value(before, "graphql_request_seconds_count", timer);

        graphql.mutation("pool/CreatePool", input("totalBalance", "1000", "minimumLoan", "100",
                "durationDays", 30, "interestRate", "5"), null).singleError("UNAUTHENTICATED");

        List<Sample> after = scrape();
        assertEquals(errorsBefore + 1, value(after, "graphql_errors_total", unauthenticated));
        assertEquals(requestsBefore + 1, value(after, "graphql_request_seconds_count", timer));
    }

    @Test
    void anAnonymousDocumentIsTimedAsAnonymous() {
        Map<String, String> tags = Map.of("operation", "anonymous", "type", "query", "outcome", "success");
        double before = value("graphql_request_seconds_count", tags);

        graphql.document("{ pools { totalCount } }", Map.of()).data("pools.totalCount");

        assertEquals(before + 1, value("graphql_request_seconds_count", tags));
    }

    @Test
    void dataLoaderBatchesAreMeasuredByLoader() {
        Actor issuer = actors.register();
        String pool = actors.pool(issuer, "5000");
        Map<String, String> users = Map.of("loader", "userByAddress");
        List<Sample> before = scrape();
        double batches = value(before, "graphql_dataloader_batch_size_count", users);
        double keys = value(before, "graphql_dataloader_batch_size_sum", users);

        assertEquals(issuer.address(), graphql.operation("pool/GetPool", Map.of("address", pool))
                .data("pool.issuer.address"));

        List<Sample> after = scrape();
        // One pool, one issuer: one batch of one key.
        assertEquals(batches + 1, value(after, "graphql_dataloader_batch_size_count", users));
        assertEquals(keys + 1, value(after, "graphql_dataloader_batch_size_sum", users));
    }

    @Test
    void thePoolAndTheJvmAreExported() {
        graphql.operation("pool/ListPools").data("pools.totalCount");

        List<Sample> samples = scrape();

        Map<String, String> pool = Map.of("name", "default");
        // maxSize in application.yml
        assertEquals(10, value(samples, "r2dbc_pool_max_allocated", pool));
        double allocated = value(samples, "r2dbc_pool_allocated", pool);
        assertTrue(allocated >= 1 && allocated <= 10, () -> "r2dbc_pool_allocated " + allocated);
        double acquired = value(samples, "r2dbc_pool_acquired", pool);
        double idle = value(samples, "r2dbc_pool_idle", pool);
        assertTrue(acquired >= 0 && acquired <= allocated, () -> "r2dbc_pool_acquired " + acquired);
        assertTrue(idle >= 0 && idle <= allocated, () -> "r2dbc_pool_idle " + idle);
        assertEquals(0, value(samples, "r2dbc_pool_pending", pool));
        assertTrue(samples.stream().anyMatch(sample -> sample.name().equals("jvm_memory_used_bytes")
                && sample.value() > 0), "jvm_memory_used_bytes");
    }

    @Test
    void allocationGrowsWithTheRequestsServed() {
        double before = value("jvm_allocated_bytes_total", Map.of());
        graphql.operation("pool/ListPools").data("pools.totalCount");

        double after = value("jvm_allocated_bytes_total", Map.of());
        assertTrue(after > before, () -> "allocated bytes went from " + before + " to " + after);
    }

    @Test
    void writtenLogLinesAreCountedByLevelAndDisabledOnesAreNot() {
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("io.lendx.metrics-test");
        double warnings = value("logback_events_total", Map.of("level", "warn"));
        double debugs = value("logback_events_total", Map.of("level", "debug"));

        log.warn("a warning the metric counts");
        log.debug("a debug line below the logger's level, not written and not counted");

        double after = value("logback_events_total", Map.of("level", "warn"));
        assertTrue(after >= warnings + 1, () -> "warnings counted went from " + warnings + " to " + after);
        assertEquals(debugs, value("logback_events_total", Map.of("level", "debug")));
    }

    private double value(String name, Map<String, String> tags) {
        return value(scrape(), name, tags);
    }

    /** The value of the one sample with this name and these labels, 0 if it does not exist yet. */
    private static double value(List<Sample> samples, String name, Map<String, String> tags) {
        List<Sample> matching = samples.stream()
                .filter(sample -> sample.name().equals(name) && sample.labels().entrySet().containsAll(tags.entrySet()))
                .toList();
        assertTrue(matching.size() <= 1, () -> "Several samples " + name + tags + ": " + matching);
        return matching.isEmpty() ? 0 : matching.get(0).value();
    }

    private List<Sample> scrape() {
        HttpResponse<String> response = http.toBlocking().exchange(
                HttpRequest.GET("/prometheus").accept(MediaType.TEXT_PLAIN_TYPE), String.class);
        assertEquals(HttpStatus.OK, response.getStatus());
        return response.body().lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(MetricsTest::parse)
                .toList();
    }

    private static Sample parse(String line) {
        Matcher sample = SAMPLE.matcher(line);
        assertTrue(sample.matches(), () -> "Not a sample line: " + line);
        Map<String, String> labels = new HashMap<>();
        if (sample.group(2) != null) {
            Matcher label = LABEL.matcher(sample.group(2));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
        }
        return new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3)));
    }
}
