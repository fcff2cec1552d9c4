package io.lendx.monitoring;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import reactor.core.publisher.Mono;

/**
 * Told of each message a graphql-ws operation sends its client (tracing is one), for events
 * that reach a subscriber long after the request that opened the socket.
 */
public interface DeliveryObserver {

    /** {@code send}, watched from its subscription to its end; {@code socket} is the request that opened the socket. */
    <T> Mono<T> delivering(HttpRequest<?> socket, String operationId, @Nullable String operationName, Mono<T> send);
}
