package io.lendx.subscription;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;

/** {@code lendx.ws.*}: the limits of a graphql-ws connection (README, "Using it from a frontend"). */
@Singleton
public record SocketSettings(
        /** A connection that has not sent connection_init by then is closed (4408). */
        @Value("${lendx.ws.init-timeout:10s}") Duration initTimeout,
        /** Operations one connection may run at once; more are refused with an error message. */
        @Value("${lendx.ws.max-subscriptions:20}") int maxSubscriptions,
        /**
         * How often the server pings (which also keeps proxies and the idle timeout from closing the
         * connection); a client that has not answered by the next ping is disconnected (4408).
         */
        @Value("${lendx.ws.keep-alive:15s}") Duration keepAlive,
        /** Events waiting for a client that reads too slowly; one more and the connection is closed. */
        @Value("${lendx.ws.max-queued-events:100}") int maxQueuedEvents) {
}
