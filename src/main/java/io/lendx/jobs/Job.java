package io.lendx.jobs;

/**
 * The jobs that take turns through {@link OneInstanceAtATime}, each with the PostgreSQL advisory
 * lock key of its own: two jobs sharing a key would skip each other's rounds.
 */
public enum Job {

    /** "lendx" in ASCII: the key retention used before the other jobs had one, kept for rolling upgrades. */
    RETENTION(0x6c656e6478L),
    /** "expiry" in ASCII. */
    APPLICATION_EXPIRY(0x657870697279L);

    private final long lockKey;

    Job(long lockKey) {
        this.lockKey = lockKey;
    }

    public long lockKey() {
        return lockKey;
    }
}
