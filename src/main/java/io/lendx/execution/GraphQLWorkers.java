package io.lendx.execution;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.netty.NettyHttpRequest;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads GraphQL execution runs on. A request's work runs on the event loop of the
 * connection it came in on ({@link #forRequest}): the request was read there and its answer is
 * written there, and handing it to another thread and back twice, plus once per batch, cost
 * about a fifth of a lookup's CPU (bench/README, sixth session). The work is CPU only (no
 * fetcher blocks), so it holds that loop no longer than a worker would. Anything that is not a
 * Netty request runs on the workers here, one per core. Either way continuations are handed
 * over, never run inside the R2DBC driver's callbacks: there they ran inside the pool's release
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

    /** The event loop of the request's connection, or these workers for a request that has none. */
    public Executor forRequest(HttpRequest<?> request) {
        return request instanceof NettyHttpRequest<?> netty ? netty.getChannelHandlerContext().channel().eventLoop() : this;
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
