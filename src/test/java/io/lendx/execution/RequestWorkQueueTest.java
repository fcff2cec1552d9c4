package io.lendx.execution;

import io.lendx.replica.Route;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dispatch rule of {@link RequestWorkQueue}, without GraphQL or a database in the way. */
class RequestWorkQueueTest {

    private final DataLoaderRegistry registry = new DataLoaderRegistry();
    private final RequestWorkQueue work = new RequestWorkQueue(registry, Runnable::run, Route.PRIMARY, null);
    private final List<Set<String>> userBatches = new CopyOnWriteArrayList<>();

    private final DataLoader<String, String> users = register("users", keys -> {
        userBatches.add(Set.copyOf(keys));
        return Mono.just(keys.stream().collect(Collectors.toMap(key -> key, key -> "user " + key)));
    });

    @Test
    void keysAskedForWhileABatchIsOutWaitForItAndGoTogether() {
        Sinks.One<Map<String, String>> slowAnswer = Sinks.one();
        DataLoader<String, String> pages = register("pages", keys -> slowAnswer.asMono());

        work.start(() -> {
            pages.load("pool-1");
            users.load("issuer");
            return CompletableFuture.completedFuture(null);
        });
        work.execute(() -> users.load("borrower"));
        work.execute(() -> users.load("lender"));
        assertEquals(List.of(Set.of("issuer")), userBatches, "nothing more is sent while the pages are out");

        slowAnswer.tryEmitValue(Map.of("pool-1", "page"));

        assertEquals(List.of(Set.of("issuer"), Set.of("borrower", "lender")), userBatches);
    }

    @Test
    void aLoadAfterAValueFromAnotherThreadIsDispatched() throws Exception {
        CompletableFuture<String> rootQuery = new CompletableFuture<>();

        CompletableFuture<String> user = work.start(() -> work.continueHere(rootQuery).thenCompose(users::load));
        new Thread(() -> rootQuery.complete("borrower")).start();

        assertEquals("user borrower", user.get(5, TimeUnit.SECONDS));
    }

    @Test
    void workGoesOnOnTheWorkersNotOnTheThreadThatAnswered() throws Exception {
        ExecutorService workers = Executors.newSingleThreadExecutor(task -> new Thread(task, "worker"));
        try {
            RequestWorkQueue onWorkers = new RequestWorkQueue(new DataLoaderRegistry(), workers, Route.PRIMARY, null);
            CompletableFuture<String> rootQuery = new CompletableFuture<>();
            CompletableFuture<String> continuedOn = onWorkers.start(() -> onWorkers.continueHere(rootQuery)
                    .thenApply(row -> Thread.currentThread().getName()));
            new Thread(() -> rootQuery.complete("row"), "reactor-tcp-epoll-1").start();

            assertEquals("worker", continuedOn.get(5, TimeUnit.SECONDS));
        } finally {
            workers.shutdown();
        }
    }

    @Test
    void tasksFromManyThreadsNeverOverlap() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger ran = new AtomicInteger();
        int threads = 8;
        int tasksPerThread = 2_000;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int t = 0; t < threads; t++) {
                pool.execute(() -> {
                    awaitQuietly(go);
                    for (int i = 0; i < tasksPerThread; i++) {
                        work.execute(() -> {
                            if (running.incrementAndGet() != 1) {
                                overlaps.incrementAndGet();
                            }
                            ran.incrementAndGet();
                            running.decrementAndGet();
                        });
                    }
                });
            }
            go.countDown();
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
        assertEquals(threads * tasksPerThread, ran.get());
        assertEquals(0, overlaps.get());
    }

    private DataLoader<String, String> register(String name, Function<Set<String>, Mono<Map<String, String>>> batch) {
        DataLoader<String, String> loader = DataLoaderFactory.newMappedDataLoader(name,
                (Set<String> keys) -> work.batch(batch.apply(keys)), null);
        registry.register(name, loader);
        return loader;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
