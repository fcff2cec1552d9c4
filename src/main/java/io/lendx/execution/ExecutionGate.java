package io.lendx.execution;

import io.lendx.graphql.Documents;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets at most {@code lendx.graphql.max-concurrent-executions} costly GraphQL executions run at
 * once; the others wait their turn in arrival order (still under their deadline). Execution is
 * CPU work on a worker per core: sixty-four nested pages under way at once only held sixty-four
 * half-built results in the heap, and garbage collection doubled the CPU each one cost. A
 * document whose last run cost at most {@link #LIGHT_COST} (a lookup, a short list) is not
 * held back: it spends most of its time waiting on the database, and queueing it behind nested
 * pages halved the throughput of lookups.
 */
@Singleton
public class ExecutionGate {

    /** Query-limit cost units: a page of twenty rows of a few fields is about two hundred. */
    static final int LIGHT_COST = 1_000;

    private final int limit;
    private final Documents documents;
    private final AtomicInteger running = new AtomicInteger();
    private final Queue<Turn> waiting = new ConcurrentLinkedQueue<>();

    public ExecutionGate(QueryLimitsConfiguration limits, Documents documents) {
        this.limit = limits.getMaxConcurrentExecutions();
        this.documents = documents;
    }

    /**
     * {@code execution} of {@code document}: at once if the document is known to be light, else
     * when a place is free, holding it until it ends or is cancelled.
     */
    public <T> Mono<T> admit(String document, Mono<T> execution) {
        int lastCost = documents.lastCost(document);
        if (lastCost >= 0 && lastCost <= LIGHT_COST) {
            return execution;
        }
        return Mono.defer(() -> {
            Turn turn = new Turn();
            waiting.add(turn);
            grantFreePlaces();
            return Mono.fromFuture(turn.granted, true)
                    .then(execution)
                    .doFinally(signal -> {
                        if (turn.end()) {
                            running.decrementAndGet();
                            grantFreePlaces();
                        }
                    });
        });
    }

    int running() {
        return running.get();
    }

    private void grantFreePlaces() {
        while (true) {
            int now = running.get();
            if (now >= limit || waiting.isEmpty()) {
                return;
            }
            if (!running.compareAndSet(now, now + 1)) {
                continue;
            }
            Turn next = waiting.poll();
            if (next == null || !next.grant()) {
                running.decrementAndGet();
            }
        }
    }

    /** One request's place in the queue: waiting, then granted or given up, then ended. */
    private static final class Turn {

        private static final int WAITING = 0;
        private static final int GRANTED = 1;
        private static final int ENDED = 2;

        private final AtomicInteger state = new AtomicInteger(WAITING);
        private final CompletableFuture<Void> granted = new CompletableFuture<>();

        /** False when the request gave up first: its place goes to the next. */
        boolean grant() {
            if (state.compareAndSet(WAITING, GRANTED)) {
                granted.complete(null);
                return true;
            }
            return false;
        }

        /** True when this turn held a place, which is now free. */
        boolean end() {
            return state.getAndSet(ENDED) == GRANTED;
        }
    }
}
