package io.lendx.replica;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether an answer the response cache will keep may be read on the replica: only once the
 * replica has replayed past the primary's WAL position read when this instance last heard a
 * table change, so that a lagging replica never refills the cache with the rows an invalidation
 * just dropped. While such a position is being read, or when it could not be, the primary fills.
 */
@Singleton
@Requires(beans = Replica.class)
public class InvalidationWatermark {

    private static final long UNKNOWN = Long.MAX_VALUE;

    private final PrimaryWal primary;
    private final AtomicInteger reading = new AtomicInteger();
    private final AtomicLong watermark = new AtomicLong(UNKNOWN);

    InvalidationWatermark(PrimaryWal primary) {
        this.primary = primary;
    }

    /** A table changed (or this instance began to hear changes): the replica must replay past now. */
    public void heard() {
        reading.incrementAndGet();
        primary.position()
                .doFinally(signal -> reading.decrementAndGet())
                .subscribe(position -> watermark.accumulateAndGet(position,
                                (current, read) -> current == UNKNOWN ? read : Math.max(current, read)),
                        failure -> watermark.set(UNKNOWN));
    }

    /** Changes are not heard: nothing says how far the replica must have replayed. */
    public void deaf() {
        watermark.set(UNKNOWN);
    }

    boolean replicaMayFill(ReplicaMonitor replica) {
        long mark = watermark.get();
        return reading.get() == 0 && mark != UNKNOWN && replica.hasReplayed(mark);
    }
}
