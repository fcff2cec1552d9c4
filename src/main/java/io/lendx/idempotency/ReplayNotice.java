package io.lendx.idempotency;

/**
 * Put into a mutation's Reactor context by whoever wants to know (the audit log): {@link
 * Idempotency} marks it when the mutation answered with the first outcome of its key instead of
 * running again.
 */
public final class ReplayNotice {

    private volatile boolean replayed;

    void markReplayed() {
        replayed = true;
    }

    public boolean wasReplayed() {
        return replayed;
    }
}
