package io.lendx.auth;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Told of every failed authentication, e.g. to lock out an address that keeps guessing. */
public interface AuthenticationFailures {

    /** Completes once the failure is recorded: where it is shared, every instance then sees it. */
    CompletionStage<Void> failed(String clientAddress);

    /**
     * Tells every listener and completes when all have recorded it, so that the refusal reaches
     * the client only after a lockout it caused is in place on every instance.
     */
    static Mono<Void> tell(List<AuthenticationFailures> listeners, String clientAddress) {
        return Flux.fromIterable(listeners)
                .flatMap(listener -> Mono.fromCompletionStage(() -> listener.failed(clientAddress)))
                .then();
    }
}
