package io.lendx.auth;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A refusal waits for every listener to record the failure (a shared lockout is in Redis first). */
class AuthenticationFailuresTest {

    @Test
    void theTellingCompletesOnlyWhenEveryListenerHasRecordedTheFailure() {
        CompletableFuture<Void> slow = new CompletableFuture<>();
        CompletableFuture<Void> fast = CompletableFuture.completedFuture(null);
        List<String> told = new ArrayList<>();
        AtomicBoolean done = new AtomicBoolean();

        AuthenticationFailures.tell(List.of(address -> {
            told.add("slow " + address);
            return slow;
        }, address -> {
            told.add("fast " + address);
            return fast;
        }), "10.0.0.7").doOnSuccess(ignored -> done.set(true)).subscribe();

        assertEquals(List.of("slow 10.0.0.7", "fast 10.0.0.7"), told);
        assertFalse(done.get(), "completed before the slow listener recorded the failure");
        slow.complete(null);
        assertTrue(done.get());
    }

    @Test
    void aListenerThatFailsLeavesTheRefusalAsItWas() {
        AtomicBoolean done = new AtomicBoolean();

        AuthenticationFailures down = address -> CompletableFuture.failedFuture(new IllegalStateException("down"));
        AuthenticationFailures up = address -> CompletableFuture.completedFuture(null);

        AuthenticationFailures.tell(List.of(down, up), "10.0.0.7").doOnSuccess(ignored -> done.set(true)).subscribe();

        assertTrue(done.get(), "the telling failed with the listener's error");
    }
}
