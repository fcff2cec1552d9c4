package io.lendx.execution;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads GraphQL execution runs on: one per core, since the work is CPU only (no fetcher
 * blocks). Continuations left on the R2DBC driver's I/O threads ran inside the pool's release
 * callback and stalled every connection of that thread while one request walked its tree.
 */
@Singleton
public class GraphQLWorkers implements Executor {

    private final ExecutorService threads;

    public GraphQLWorkers() {
        AtomicInteger number = new AtomicInteger();
        ThreadFactory named = task -> {
            Thread thread = new Thread(task, "graphql-worker-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        threads = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), named);
    }

    @Override
    public void execute(Runnable task) {
        threads.execute(task);
    }

    @PreDestroy
    void close() {
        threads.shutdown();
    }
}
