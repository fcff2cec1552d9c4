package io.lendx.subscription;

import io.micronaut.context.annotation.Context;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The changes every instance announces ({@link ChangeNotices}), heard with {@code LISTEN} on a
 * connection of its own (outside the pool, which it would otherwise hold forever), opened at
 * start-up so that a subscription is live as soon as it is acknowledged, and reopened with
 * backoff if the database drops it (changes committed while it is down are not replayed).
 */
@Context
@Singleton
public class ChangeFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);
    private static final Argument<Map<String, String>> PAYLOAD = Argument.mapOf(String.class, String.class);
    /** Changes one subscription may have waiting (its reads are one at a time); more end it. */
    private static final int MAX_WAITING = 1_000;

    private final JsonMapper json;
    private final Sinks.Many<Change> heard = Sinks.many().multicast().directBestEffort();
    private final Disposable listening;

    public ChangeFeed(ConnectionFactory pool, JsonMapper json) {
        this.json = json;
        ConnectionFactory direct = pool;
        // Under the pool (and the statement log's proxy, when it is on) is the driver's own factory.
        while (direct instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner) {
            direct = inner;
        }
        ConnectionFactory driver = direct;
        this.listening = Flux.usingWhen(Mono.from(driver.create()).cast(PostgresqlConnection.class),
                        connection -> connection.createStatement("LISTEN " + Change.CHANNEL).execute()
                                .flatMap(PostgresqlResult::getRowsUpdated)
                                .doOnComplete(() -> LOG.info("Listening for changes on {}", Change.CHANNEL))
                                .thenMany(connection.getNotifications()),
                        PostgresqlConnection::close)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30))
                        .doBeforeRetry(retry -> LOG.warn("Change feed lost ({}); reconnecting",
                                retry.failure().getMessage())))
                .subscribe(notification -> {
                    Change change = parse(notification.getParameter());
                    if (change != null) {
                        heard.tryEmitNext(change);
                    }
                });
    }

    /** Every change committed from now on, on any instance. */
    public Flux<Change> changes() {
        return heard.asFlux().onBackpressureBuffer(MAX_WAITING, BufferOverflowStrategy.ERROR);
    }

    @PreDestroy
    @Override
    public void close() {
        listening.dispose();
    }

    private Change parse(String payload) {
        try {
            Map<String, String> keys = new HashMap<>(json.readValue(payload, PAYLOAD));
            Change.Kind type = Change.Kind.valueOf(keys.remove("type"));
            return new Change(type, Map.copyOf(keys));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignored a malformed change notice: {}", payload);
            return null;
        }
    }
}
