package io.lendx.subscription;

import graphql.ExecutionResult;
import io.lendx.error.ErrorCode;
import io.lendx.error.UnauthenticatedException;
import io.lendx.graphql.ApiErrors;
import io.lendx.graphql.RequestContextContributor;
import io.lendx.http.RequestIdFilter;
import io.lendx.monitoring.DeliveryObserver;
import io.micronaut.core.annotation.Nullable;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.configuration.graphql.GraphQLInvocation;
import io.micronaut.configuration.graphql.GraphQLInvocationData;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.core.type.Argument;
import io.micronaut.http.CaseInsensitiveMutableHttpHeaders;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpRequestWrapper;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import jakarta.inject.Named;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GraphQL over WebSocket, the graphql-ws protocol (subprotocol {@code graphql-transport-ws}):
 * connection_init (with an optional {@code Authorization} in its payload) and its ack, then any
 * number of subscribe/next/complete exchanges, ping/pong both ways. Operations run through the
 * same invocation as HTTP requests (authentication, limits, DataLoaders). Close codes are the
 * protocol's: 4400 bad message, 4401 subscribe before ack, 4403 bad key, 4408 no init in time (or no
 * pong to the server's ping within the keep-alive interval),
 * 4409 duplicate id, 4429 second init; 1013 for a client that reads too slowly.
 */
@ServerWebSocket(value = "/graphql-ws", subprotocols = SubscriptionSocket.PROTOCOL)
public class SubscriptionSocket {

    static final String PROTOCOL = "graphql-transport-ws";
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionSocket.class);
    private static final String STATE = "lendx.graphql-ws";
    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);

    private final GraphQLInvocation invocation;
    private final List<RequestContextContributor> contributors;
    private final JsonMapper json;
    private final TaskScheduler scheduler;
    private final SocketSettings settings;
    private final ConversionService conversions;
    private final AtomicInteger connections = new AtomicInteger();
    @Nullable
    private final DeliveryObserver deliveries;

    public SubscriptionSocket(GraphQLInvocation invocation, List<RequestContextContributor> contributors,
                              JsonMapper json, @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
                              SocketSettings settings, ConversionService conversions, MeterRegistry meters,
                              Optional<DeliveryObserver> deliveries) {
        this.invocation = invocation;
        this.deliveries = deliveries.orElse(null);
        this.contributors = contributors;
        this.json = json;
        this.scheduler = scheduler;
        this.settings = settings;
        this.conversions = conversions;
        meters.gauge("lendx.ws.connections", connections);
    }

    /** What one connection holds. */
    private static final class Connection {
        final Map<String, Disposable> operations = new ConcurrentHashMap<>();
        volatile HttpRequest<?> request;
        volatile boolean initialised;
        volatile boolean acknowledged;
        /** A ping went out and its pong has not come back yet. */
        volatile boolean awaitingPong;
        volatile ScheduledFuture<?> keepAlive;
    }

    @OnOpen
    public void onOpen(WebSocketSession session, HttpRequest<?> request) {
        Connection connection = new Connection();
        connection.request = request;
        session.put(STATE, connection);
        connections.incrementAndGet();
        scheduler.schedule(settings.initTimeout(), () -> {
            if (!connection.acknowledged && session.isOpen()) {
                session.close(new CloseReason(4408, "Connection initialisation timeout"));
            }
        });
    }

    @OnMessage
    public void onMessage(String text, WebSocketSession session) {
        Connection connection = session.get(STATE, Connection.class).orElseThrow();
        Map<String, Object> message = parse(text);
        Object type = message == null ? null : message.get("type");
        if (!(type instanceof String)) {
            session.close(new CloseReason(4400, "Invalid message received"));
            return;
        }
        switch ((String) type) {
            case "connection_init" -> initialise(session, connection, message.get("payload"));
            case "ping" -> send(session, Map.of("type", "pong"));
            case "pong" -> connection.awaitingPong = false;
            case "subscribe" -> subscribe(session, connection, message);
            case "complete" -> stop(connection, message.get("id"));
            default -> session.close(new CloseReason(4400, "Unknown message type " + type));
        }
    }

    @OnClose
    public void onClose(WebSocketSession session) {
        connections.decrementAndGet();
        session.get(STATE, Connection.class).ifPresent(connection -> {
            connection.operations.values().forEach(Disposable::dispose);
            if (connection.keepAlive != null) {
                connection.keepAlive.cancel(false);
            }
        });
    }

    private void initialise(WebSocketSession session, Connection connection, Object payload) {
        if (connection.initialised) {
            session.close(new CloseReason(4429, "Too many initialisation requests"));
            return;
        }
        connection.initialised = true;
        HttpRequest<?> request = withAuthorization(connection.request, payload);
        Flux.fromIterable(contributors)
                .concatMap(contributor -> contributor.contribute(request))
                .then()
                .subscribe(null, failure -> session.close(failure instanceof UnauthenticatedException
                        ? new CloseReason(4403, "Forbidden") : new CloseReason(1011, "Could not check the key")),
                        () -> {
                            connection.request = request;
                            connection.acknowledged = true;
                            send(session, Map.of("type", "connection_ack"));
                            connection.keepAlive = scheduler.scheduleAtFixedRate(settings.keepAlive(),
                                    settings.keepAlive(), () -> keepAlive(session, connection));
                        });
    }

    /** Pings; a client that did not answer the previous ping within the interval is gone. */
    private void keepAlive(WebSocketSession session, Connection connection) {
        if (connection.awaitingPong) {
            session.close(new CloseReason(4408, "Keep-alive timeout: no pong"));
            return;
        }
        connection.awaitingPong = true;
        send(session, Map.of("type", "ping"));
    }

    private void subscribe(WebSocketSession session, Connection connection, Map<String, Object> message) {
        if (!connection.acknowledged) {
            session.close(new CloseReason(4401, "Unauthorized"));
            return;
        }
        if (!(message.get("id") instanceof String id) || !(message.get("payload") instanceof Map<?, ?> payload)
                || !(payload.get("query") instanceof String query)) {
            session.close(new CloseReason(4400, "A subscribe message needs an id and a payload with a query"));
            return;
        }
        if (connection.operations.containsKey(id)) {
            session.close(new CloseReason(4409, "Subscriber for " + id + " already exists"));
            return;
        }
        if (connection.operations.size() >= settings.maxSubscriptions()) {
            send(session, error(id, ApiErrors.body(ErrorCode.BAD_USER_INPUT, "At most " + settings.maxSubscriptions()
                    + " operations may run on one connection", RequestIdFilter.of(connection.request),
                    "TOO_MANY_SUBSCRIPTIONS").get("errors")));
            return;
        }
        @SuppressWarnings("unchecked")
        GraphQLInvocationData data = new GraphQLInvocationData(query,
                payload.get("operationName") instanceof String name ? name : null,
                payload.get("variables") instanceof Map<?, ?> variables ? (Map<String, Object>) variables : null);
        Disposable running = results(data, connection.request)
                .map(result -> next(id, result, connection.request))
                .onBackpressureBuffer(settings.maxQueuedEvents(), BufferOverflowStrategy.ERROR)
                .concatMap(reply -> delivered(connection, id, data.getOperationName(),
                        Mono.from(session.send(write(reply)))), 1)
                .doFinally(signal -> connection.operations.remove(id))
                .subscribe(null, failure -> ended(session, id, failure),
                        () -> send(session, Map.of("id", id, "type", "complete")));
        connection.operations.put(id, running);
    }

    private <T> Mono<T> delivered(Connection connection, String id, @Nullable String operationName, Mono<T> send) {
        return deliveries == null ? send
                : deliveries.delivering(connection.request, id, operationName, send);
    }

    /** Events piled up behind a slow reader (or a subscription's own reads): the connection goes. */
    private static void ended(WebSocketSession session, String id, Throwable failure) {
        if (Exceptions.isOverflow(failure)) {
            session.close(new CloseReason(1013, "The client reads too slowly"));
        } else {
            LOG.warn("Operation {} failed", id, failure);
            session.close(new CloseReason(1011, "Internal error"));
        }
    }

    /** The results of an operation: one for a query or mutation, one per event for a subscription. */
    private Flux<ExecutionResult> results(GraphQLInvocationData data, HttpRequest<?> request) {
        return Flux.from(invocation.invoke(data, request, null))
                .concatMap(result -> result.getData() instanceof Publisher<?> events
                        ? Flux.from(events).cast(ExecutionResult.class) : Flux.just(result));
    }

    private void stop(Connection connection, Object id) {
        Disposable running = id instanceof String key ? connection.operations.remove(key) : null;
        if (running != null) {
            running.dispose();
        }
    }

    /** A result without data never ran (invalid, refused): the protocol's error message. */
    private static Map<String, Object> next(String id, ExecutionResult result, HttpRequest<?> request) {
        Map<String, Object> specification = ApiErrors.withRequestId(result.toSpecification(), RequestIdFilter.of(request));
        if (!result.isDataPresent() && !result.getErrors().isEmpty()) {
            return error(id, specification.get("errors"));
        }
        return Map.of("id", id, "type", "next", "payload", specification);
    }

    private static Map<String, Object> error(String id, Object errors) {
        return Map.of("id", id, "type", "error", "payload", errors);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private HttpRequest<?> withAuthorization(HttpRequest<?> request, Object payload) {
        Object authorization = null;
        if (payload instanceof Map<?, ?> values) {
            for (Map.Entry<?, ?> entry : values.entrySet()) {
                if (HttpHeaders.AUTHORIZATION.equalsIgnoreCase(String.valueOf(entry.getKey()))) {
                    authorization = entry.getValue();
                }
            }
        }
        if (!(authorization instanceof String header)) {
            return request;
        }
        CaseInsensitiveMutableHttpHeaders headers = new CaseInsensitiveMutableHttpHeaders(conversions);
        request.getHeaders().forEach((name, values) -> values.forEach(value -> headers.add(name, value)));
        headers.set(HttpHeaders.AUTHORIZATION, header);
        return new HttpRequestWrapper<Object>((HttpRequest) request) {
            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
    }

    private void send(WebSocketSession session, Map<String, Object> message) {
        if (session.isOpen()) {
            session.sendAsync(write(message));
        }
    }

    private String write(Map<String, Object> message) {
        try {
            return json.writeValueAsString(message);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> parse(String text) {
        try {
            return json.readValue(text, JSON_OBJECT);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
