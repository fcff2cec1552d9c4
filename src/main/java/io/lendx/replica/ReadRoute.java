package io.lendx.replica;

import java.util.function.Supplier;

/**
 * The route of the request whose GraphQL work runs on this thread. Connections are taken where
 * a statement is subscribed, which for a query's fetchers and batches is on its work queue's
 * thread; anything subscribed elsewhere (a continuation on a driver thread, a job) reads the
 * primary, which is never wrong, only less spread out.
 */
public final class ReadRoute {

    private static final ThreadLocal<Route> CURRENT = new ThreadLocal<>();

    private ReadRoute() {
    }

    public static Route current() {
        Route route = CURRENT.get();
        return route == null ? Route.PRIMARY : route;
    }

    public static void during(Route route, Runnable work) {
        during(route, () -> {
            work.run();
            return null;
        });
    }

    public static <T> T during(Route route, Supplier<T> work) {
        Route outer = CURRENT.get();
        CURRENT.set(route);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }
}
