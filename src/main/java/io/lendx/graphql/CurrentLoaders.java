package io.lendx.graphql;

import org.dataloader.DataLoaderRegistry;

/**
 * The DataLoaders of the request whose GraphQL work runs on this thread now: a request's work
 * runs one task at a time on its work queue, which sets them for the length of each run. A
 * light fetcher finds its loader here instead of in an environment built for it.
 */
public final class CurrentLoaders {

    private static final ThreadLocal<DataLoaderRegistry> CURRENT = new ThreadLocal<>();

    private CurrentLoaders() {
    }

    /** Null outside a request's work queue. */
    static DataLoaderRegistry get() {
        return CURRENT.get();
    }

    /** Runs {@code work} with {@code loaders} as this thread's current ones, then restores the previous. */
    public static void during(DataLoaderRegistry loaders, Runnable work) {
        DataLoaderRegistry previous = CURRENT.get();
        CURRENT.set(loaders);
        try {
            work.run();
        } finally {
            CURRENT.set(previous);
        }
    }
}
