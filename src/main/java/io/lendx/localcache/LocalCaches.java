package io.lendx.localcache;

import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Every in-process cache of the service starts here. Caffeine does its upkeep (eviction, expiry,
 * replaying reads into its access order) on {@code ForkJoinPool.commonPool()} by default, which
 * on the request path meant waking a pool thread every few requests: about 1 % of a lookup's CPU
 * spent handing the work over (the thread's own time, and the wake-up). Here the upkeep runs on
 * the thread that triggered it, in the short bursts Caffeine already batches it into.
 */
public final class LocalCaches {

    private LocalCaches() {
    }

    public static Caffeine<Object, Object> newBuilder() {
        return Caffeine.newBuilder().executor(Runnable::run);
    }
}
