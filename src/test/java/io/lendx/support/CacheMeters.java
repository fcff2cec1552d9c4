package io.lendx.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

import java.time.Duration;

/** The response cache's counters, read the way an operator reads them, to wait on what the cache heard. */
@Singleton
public class CacheMeters {

    private final MeterRegistry meters;

    public CacheMeters(MeterRegistry meters) {
        this.meters = meters;
    }

    public double invalidations(String table) {
        Counter counter = meters.find("lendx_cache_invalidations").tag("table", table).counter();
        return counter == null ? 0 : counter.count();
    }

    public double counter(String name) {
        Counter counter = meters.find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    public double requests(String result) {
        Counter counter = meters.find("lendx_cache_requests").tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Waits until a change notice of {@code table} newer than {@code seenBefore} has been heard. */
    public void awaitInvalidation(String table, double seenBefore) {
        Eventually.within(Duration.ofSeconds(5), () -> invalidations(table) > seenBefore,
                "a change notice of " + table);
    }
}
