package io.lendx.execution;

import io.lendx.graphql.Continuations;
import io.lendx.graphql.CurrentLoaders;
import io.lendx.monitoring.RequestProfile;
import io.lendx.replica.ReadRoute;
import io.lendx.replica.RecoveryConflicts;
import io.lendx.replica.Route;
import graphql.schema.DataFetchingEnvironment;
import io.micronaut.core.annotation.Nullable;
import org.dataloader.DataLoaderRegistry;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs one request's GraphQL work one task at a time and dispatches its DataLoaders only when
 * that work is idle: nothing left to run and no batch on its way back from the database.
 *
 * <p>graphql-java's own per-level dispatch calls {@code dispatchAll()} from whichever R2DBC
 * thread finishes a level, while other threads are still walking their part of the tree, so
 * a batch was sometimes sent with half its keys (a nested query cost 9 to 12 statements from
 * one run to the next). Here every continuation runs on this one logical thread, so when the
 * queue is empty and no batch is out, every key the query can know of has been asked for.
 *
 * <p>The queue is drained on {@code workers}, never on the thread that submitted a task: a
 * batch answered on an R2DBC I/O thread only hands its value over, and the request's work
 * goes on elsewhere.
 */
public final class RequestWorkQueue implements Executor, Continuations {

    private static final Logger LOG = LoggerFactory.getLogger(RequestWorkQueue.class);

    private final DataLoaderRegistry loaders;
    private final Executor workers;
    private final Route route;
    @Nullable
    private final RequestProfile profile;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Tasks submitted but not yet run; whoever moves it from zero runs the queue. */
    private final AtomicInteger work = new AtomicInteger();
    private final AtomicInteger batchesInFlight = new AtomicInteger();
    private volatile boolean replicaConflict;

    RequestWorkQueue(DataLoaderRegistry loaders, Executor workers, Route route, @Nullable RequestProfile profile) {
        this.loaders = loaders;
        this.workers = workers;
        this.route = route;
        this.profile = profile;
    }

    /** The work queue of the request a fetcher runs in. */
    public static RequestWorkQueue of(DataFetchingEnvironment env) {
        return (RequestWorkQueue) Continuations.of(env);
    }

    public DataLoaderRegistry loaders() {
        return loaders;
    }

    /** Starts the execution itself on this queue, so its first loads are dispatched too. */
    public <T> CompletableFuture<T> start(Supplier<CompletableFuture<T>> execution) {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> started(execution).whenComplete((value, failure) -> completeHere(result, value, failure)));
        return result;
    }

    private static <T> CompletableFuture<T> started(Supplier<CompletableFuture<T>> execution) {
        try {
            return execution.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A loader's batch: counted while it runs, and answered back on this queue. */
    <T> CompletableFuture<T> batch(Mono<T> query) {
        batchesInFlight.incrementAndGet();
        CompletableFuture<T> result = new CompletableFuture<>();
        query.subscribe(new BatchAnswer<>(result));
        return result;
    }

    /**
     * Takes a batch's one value (or failure) straight to this queue: {@code toFuture()} and
     * {@code whenComplete} put a future and two completion stages between them, per statement.
     */
    private final class BatchAnswer<T> implements CoreSubscriber<T> {

        private final CompletableFuture<T> result;
        private T value;

        BatchAnswer(CompletableFuture<T> result) {
            this.result = result;
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(T item) {
            value = item;
        }

        @Override
        public void onError(Throwable failure) {
            answered(null, failure);
        }

        @Override
        public void onComplete() {
            answered(value, null);
        }

        private void answered(T answer, Throwable failure) {
            execute(() -> {
                try {
                    noteFailure(failure);
                    complete(result, answer, failure);
                } finally {
                    batchesInFlight.decrementAndGet();
                }
            });
        }
    }

    /** A value that completes elsewhere (a root query, a mutation), continued on this queue. */
    @Override
    public <T> CompletableFuture<T> continueHere(CompletableFuture<T> elsewhere) {
        CompletableFuture<T> result = new CompletableFuture<>();
        elsewhere.whenComplete((value, failure) -> {
            noteFailure(failure);
            completeHere(result, value, failure);
        });
        return result;
    }

    /**
     * Whether a statement of this request was cancelled by the replica to apply the primary's
     * changes (a recovery conflict): the answer is then incomplete, and is asked of the primary.
     */
    public boolean replicaConflict() {
        return replicaConflict;
    }

    private void noteFailure(Throwable failure) {
        if (failure != null && route == Route.REPLICA && RecoveryConflicts.caused(failure)) {
            replicaConflict = true;
        }
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (work.getAndIncrement() == 0) {
            workers.execute(this::drain);
        }
    }

    /** Statements subscribed while the queue runs count against its request, and read where it routes. */
    private void drain() {
        RequestProfile.during(profile, () -> {
            if (route == Route.PRIMARY) {
                CurrentLoaders.during(loaders, this::drainHere);
            } else {
                ReadRoute.during(route, () -> CurrentLoaders.during(loaders, this::drainHere));
            }
        });
    }

    private void drainHere() {
        int missed = 1;
        do {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                run(task);
            }
            if (batchesInFlight.get() == 0 && loaders.dispatchDepth() > 0) {
                loaders.dispatchAll();
            }
            missed = work.addAndGet(-missed);
        } while (missed != 0);
    }

    private static void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // Tasks only complete futures, which capture their own failures; this is a bug.
            LOG.error("A GraphQL continuation failed outside its future", e);
        }
    }

    private <T> void completeHere(CompletableFuture<T> result, T value, Throwable failure) {
        execute(() -> complete(result, value, failure));
    }

    private static <T> void complete(CompletableFuture<T> result, T value, Throwable failure) {
        if (failure != null) {
            result.completeExceptionally(failure);
        } else {
            result.complete(value);
        }
    }
}
