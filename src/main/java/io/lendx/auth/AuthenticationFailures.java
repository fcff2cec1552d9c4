package io.lendx.auth;

import org.slf4j.LoggerFactory;
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
     * the client only after a lockout it caused is in place on every instance. A listener that
     * fails is logged and passed over: the client's answer is the refusal either way.
     */
    static Mono<Void> tell(List<AuthenticationFailures> listeners, String clientAddress) {
        return Flux.fromIterable(listeners)
                .flatMap(listener -> Mono.fromCompletionStage(() -> listener.failed(clientAddress))
                        .onErrorResume(failure -> {
                            LoggerFactory.getLogger(AuthenticationFailures.class)
                                    .warn("A failed authentication could not be recorded", failure);
                            return Mono.empty();
                        }))
                .then();
    }
}
