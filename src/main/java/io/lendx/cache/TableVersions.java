package io.lendx.cache;

import jakarta.inject.Singleton;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When each table last changed, as numbers of one sequence, and when the instance last stopped
 * hearing changes. An answer computed after sequence number {@code n} is valid while none of its
 * tables changed after {@code n} and notices have been heard all along: an execution under way
 * when a change of its tables is heard may have read the rows from before it, and is not kept.
 */
@Singleton
class TableVersions {

    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLongArray changedAt = new AtomicLongArray(GraphTables.TABLES.size());
    private volatile long deafSince;
    private volatile boolean listening;

    /** The number to take before an execution reads anything. */
    long now() {
        return sequence.get();
    }

    boolean listening() {
        return listening;
    }

    /** Records a heard change of the tables in {@code mask}. */
    void changed(long mask) {
        long at = sequence.incrementAndGet();
        for (int table = 0; table < changedAt.length(); table++) {
            if ((mask & (1L << table)) != 0) {
                changedAt.set(table, at);
            }
        }
    }

    /**
     * While deaf, nothing advances the sequence, so an execution begun then took exactly
     * {@code deafSince} and is never kept; the step taken on hearing again lets the executions
     * begun from then on be kept.
     */
    void listening(boolean heard) {
        if (heard) {
            listening = true;
            sequence.incrementAndGet();
        } else {
            deafSince = sequence.incrementAndGet();
            listening = false;
        }
    }

    boolean unchangedSince(long computedAfter, long tables) {
        if (!listening || deafSince >= computedAfter) {
            return false;
        }
        for (int table = 0; table < changedAt.length(); table++) {
            if ((tables & (1L << table)) != 0 && changedAt.get(table) > computedAfter) {
                return false;
            }
        }
        return true;
    }

    boolean stillValid(CachedAnswer answer) {
        return unchangedSince(answer.computedAfter(), answer.policy().tables());
    }
}
