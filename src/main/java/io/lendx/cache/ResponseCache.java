package io.lendx.cache;

import io.lendx.replica.ReadRouting;
import graphql.ExecutionResult;
import io.lendx.graphql.Documents;
import io.lendx.graphql.ResponseHints;
import io.lendx.validation.Sha256;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The response cache: whole answers of queries, kept in memory until a table they read changes
 * ({@link TableNotices}), until their {@code @cacheControl} max age, or until a value in them
 * changes with the time ({@link ResponseHints}), whichever comes first. Answers with errors are
 * never kept, PRIVATE ones only for the key that asked, and while the instance cannot hear
 * change notices nothing is used or kept. Concurrent identical misses share one execution.
 */
@Singleton
public class ResponseCache {

    private final CacheSettings settings;
    private final DocumentPolicies policies;
    private final Documents documents;
    private final TableVersions versions;
    private final ResponseStore store;
    private final TableNotices notices;
    private final CacheVerifier verifier;
    private final Clock clock;
    private final Map<CacheKey, Flight> inFlight = new ConcurrentHashMap<>();
    /** By operation name: as many as the registry holds for it anyway. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Counter hits;
    private final Counter misses;
    private final Counter bypasses;
    private final MeterRegistry meters;

    ResponseCache(CacheSettings settings, DocumentPolicies policies, Documents documents, TableVersions versions,
                  ResponseStore store, TableNotices notices, CacheVerifier verifier, Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.policies = policies;
        this.documents = documents;
        this.versions = versions;
        this.store = store;
        this.notices = notices;
        this.verifier = verifier;
        this.clock = clock;
        this.hits = requests(meters, "hit");
        this.misses = requests(meters, "miss");
        this.bypasses = requests(meters, "bypass");
        this.meters = meters;
    }

    /**
     * A request as the cache sees it.
     *
     * @param authorization the request's Authorization header: PRIVATE answers are kept per key
     * @param fresh         the client asked for a fresh answer ({@code Cache-Control: no-cache})
     */
    public record Query(String document, @Nullable String operationName, Map<String, Object> variables,
                        @Nullable String authorization, boolean fresh) {
    }

    /**
     * Answers {@code query}, from memory or by {@code execute} (in {@code context}, the execution's
     * GraphQL context), rendering kept answers with {@code render}. A {@code mutation} (or
     * subscription) is only executed, and answers once its instance has heard its writes.
     */
    public Mono<Answer> answer(Query query, Map<Object, Object> context, boolean mutation,
                               Supplier<Mono<ExecutionResult>> execute, Function<ExecutionResult, byte[]> render) {
        long started = System.nanoTime();
        if (mutation) {
            bypasses.increment();
            Mono<ExecutionResult> written = execute.get();
            // The client's next read on this instance must see the write.
            return (settings.enabled() ? written.flatMap(result -> notices.heardOwnWrites().thenReturn(result))
                    : written).map(result -> Answer.executed(Answer.Outcome.BYPASS, result));
        }
        CachePolicy policy = policies.of(query.document(), query.operationName());
        if (policy == null) {
            bypasses.increment();
            return execute.get().map(result -> Answer.executed(Answer.Outcome.BYPASS, result));
        }
        CacheKey key = new CacheKey(query.document(), query.operationName(), query.variables(),
                policy.isPrivate() ? principal(query.authorization()) : null);
        if (!settings.enabled() || !versions.listening()) {
            bypasses.increment();
            return execution(query, key, policy, context, execute, render, false).map(kept -> kept.as(Answer.Outcome.BYPASS));
        }
        if (!query.fresh()) {
            CachedAnswer hit = lookup(key, query.authorization());
            if (hit != null) {
                hits.increment();
                hit.served().record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                verifier.maybeVerify(hit, context, execute, render);
                return Mono.just(answer(Answer.Outcome.HIT, hit));
            }
        }
        return coalesced(query, key, policy, context, execute, render, started);
    }

    /**
     * Completes once this instance has applied every change notice of the writes committed before
     * the call: for a write made outside a mutation (a job, a test's fixture) that must show in
     * this instance's next answer.
     */
    public Mono<Void> heardCommittedWrites() {
        return notices.heardOwnWrites();
    }

    @Nullable
    private CachedAnswer lookup(CacheKey key, @Nullable String authorization) {
        CachedAnswer answer = store.get(key);
        if (answer == null && key.principal() == null) {
            // The document's hints say PUBLIC, but a fetcher read the caller when it last ran.
            answer = store.get(key.as(principal(authorization)));
        }
        return answer;
    }

    /**
     * One execution for concurrent identical misses: a request joins an execution under way if
     * none of its tables changed since that began (its answer is then as fresh as the request's
     * own would be) and shares its PUBLIC answer, kept or not; otherwise it starts the execution
     * that later requests join. A client asking for a fresh answer joins none.
     */
    private Mono<Answer> coalesced(Query query, CacheKey key, CachePolicy policy, Map<Object, Object> context,
                                   Supplier<Mono<ExecutionResult>> execute, Function<ExecutionResult, byte[]> render,
                                   long started) {
        Flight mine = new Flight(versions.now(), new CompletableFuture<>());
        Flight flight = query.fresh() ? mine : inFlight.compute(key, (same, running) -> running != null
                && versions.unchangedSince(running.startedAt, policy.tables()) ? running : mine);
        if (flight != mine) {
            return Mono.fromFuture(flight.answer, true)
                    .map(shared -> {
                        hits.increment();
                        shared.served().record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                        return answer(Answer.Outcome.HIT, shared);
                    })
                    .switchIfEmpty(Mono.defer(() -> {
                        misses.increment();
                        return execution(query, key, policy, context, execute, render, true);
                    }).map(Kept::answer));
        }
        misses.increment();
        if (query.fresh()) {
            inFlight.put(key, mine);
        }
        return execution(query, key, policy, context, execute, render, true)
                .doOnNext(kept -> land(key, mine, kept.shareable()))
                .doFinally(signal -> land(key, mine, null))
                .map(Kept::answer);
    }

    /** An execution under way, which identical misses may join. */
    private record Flight(long startedAt, CompletableFuture<CachedAnswer> answer) {
    }

    private void land(CacheKey key, Flight flight, @Nullable CachedAnswer shared) {
        inFlight.remove(key, flight);
        flight.answer.complete(shared);
    }

    /** Executes, renders a successful answer, and keeps it if {@code keep} and nothing it read changed meanwhile. */
    private Mono<Kept> execution(Query query, CacheKey key, CachePolicy policy, Map<Object, Object> context,
                                 Supplier<Mono<ExecutionResult>> execute, Function<ExecutionResult, byte[]> render,
                                 boolean keep) {
        return Mono.defer(() -> {
            long before = versions.now();
            ExecutionHints hints = new ExecutionHints();
            context.put(ResponseHints.class, hints);
            if (keep) {
                context.put(ReadRouting.FILLS_CACHE, Boolean.TRUE);
            }
            return execute.get().map(result -> {
                if (!result.getErrors().isEmpty() || hints.changesWithTheTime()) {
                    return new Kept(Answer.executed(Answer.Outcome.MISS, result), null);
                }
                CachePolicy answered = hints.dependsOnTheCaller() ? policy.privately() : policy;
                Instant now = clock.instant();
                Instant expires = now.plusSeconds(answered.maxAgeSeconds());
                if (hints.firstChange() != null && hints.firstChange().isBefore(expires)) {
                    expires = hints.firstChange();
                }
                byte[] body = render.apply(result);
                CachedAnswer computed = new CachedAnswer(body, EntityTags.of(body), answered, before, now, expires,
                        requestTimer(query));
                if (!expires.isAfter(now)) {
                    return new Kept(new Answer(Answer.Outcome.MISS, null, body, computed.etag(), null,
                            answered.isPrivate(), 0), null);
                }
                boolean stored = keep && versions.unchangedSince(before, answered.tables());
                if (stored) {
                    store.put(answered.isPrivate() && key.principal() == null ? key.as(principal(query.authorization())) : key,
                            computed);
                }
                return new Kept(answer(Answer.Outcome.MISS, computed), answered.isPrivate() ? null : computed);
            });
        });
    }

    /** An execution's answer, and the PUBLIC answer that the identical misses which joined it may share. */
    private record Kept(Answer answer, @Nullable CachedAnswer shareable) {

        Answer as(Answer.Outcome outcome) {
            return new Answer(outcome, answer.result(), answer.body(), answer.etag(), answer.maxAgeSeconds(),
                    answer.isPrivate(), answer.ageSeconds());
        }
    }

    private Answer answer(Answer.Outcome outcome, CachedAnswer cached) {
        Instant now = clock.instant();
        int maxAge = (int) Duration.between(cached.storedAt(), cached.expiresAt()).toSeconds();
        long age = Math.max(0, Duration.between(cached.storedAt(), now).toSeconds());
        return new Answer(outcome, null, cached.body(), cached.etag(), maxAge, cached.policy().isPrivate(), age);
    }

    /** A digest of the API key, so that no key itself stays in memory; "" for anonymous callers. */
    private static String principal(@Nullable String authorization) {
        return authorization == null ? "" : Sha256.hex(authorization);
    }

    /**
     * The timer executions record (graphql_request_seconds): hits are counted with them. Found
     * once per operation: registering looks the meter up by its name and sorted tags.
     */
    private Timer requestTimer(Query query) {
        return timers.computeIfAbsent(documents.operationName(query.document(), query.operationName()),
                operation -> Timer.builder("graphql.request")
                        .description("GraphQL requests by operation, type and outcome")
                        .tag("operation", operation)
                        .tag("type", "query")
                        .tag("outcome", "success")
                        .register(meters));
    }

    private static Counter requests(MeterRegistry meters, String result) {
        return Counter.builder("lendx_cache_requests").tag("result", result)
                .description("GraphQL requests by what the response cache did: hit, miss or bypass").register(meters);
    }
}
