package io.lendx.notification;

import io.micronaut.context.annotation.Context;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The instance's one {@code LISTEN} connection, shared by every {@link NotificationListener}:
 * outside the pool (which it would otherwise hold forever), opened at start-up, and reopened
 * with backoff when the database drops it. Notices committed while it is down are not replayed,
 * which is why listeners are told when it goes down and when it is back. Each notice is handed
 * to its channel's listener on the connection's thread, in the order PostgreSQL delivers them:
 * the order in which their transactions committed.
 */
@Context
@Singleton
public class DatabaseNotifications implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseNotifications.class);

    private final Map<String, NotificationListener> listeners;
    private final Disposable listening;

    public DatabaseNotifications(ConnectionFactory pool, List<NotificationListener> listeners) {
        this.listeners = listeners.stream()
                .collect(Collectors.toUnmodifiableMap(NotificationListener::channel, Function.identity()));
        ConnectionFactory direct = pool;
        // Under the pool (and the statement log's proxy, when it is on) is the driver's own factory.
        while (direct instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner) {
            direct = inner;
        }
        ConnectionFactory driver = direct;
        this.listening = Flux.usingWhen(Mono.from(driver.create()).cast(PostgresqlConnection.class),
                        connection -> Flux.fromIterable(this.listeners.keySet())
                                .concatMap(channel -> connection.createStatement("LISTEN " + channel).execute()
                                        .flatMap(PostgresqlResult::getRowsUpdated))
                                .then(Mono.fromRunnable(this::up))
                                .thenMany(connection.getNotifications())
                                // A connection closed under us ends the notices without an error.
                                .concatWith(Mono.error(() -> new IllegalStateException("the connection closed"))),
                        PostgresqlConnection::close)
                .doOnError(lost -> down())
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30))
                        .doBeforeRetry(retry -> LOG.warn("LISTEN connection lost ({}); reconnecting",
                                retry.failure().getMessage())))
                .subscribe(notification -> {
                    NotificationListener listener = this.listeners.get(notification.getName());
                    if (listener != null) {
                        listener.heard(notification.getParameter());
                    }
                });
    }

    private void up() {
        LOG.info("Listening on {}", listeners.keySet());
        listeners.values().forEach(listener -> listener.listening(true));
    }

    private void down() {
        listeners.values().forEach(listener -> listener.listening(false));
    }

    @PreDestroy
    @Override
    public void close() {
        listening.dispose();
    }
}
