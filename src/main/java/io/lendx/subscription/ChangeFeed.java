package io.lendx.subscription;

import io.lendx.notification.NotificationListener;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The changes every instance announces ({@link ChangeNotices}), heard on the instance's
 * {@code LISTEN} connection (changes committed while it is down are not replayed).
 */
@Singleton
public class ChangeFeed implements NotificationListener {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);
    private static final Argument<Map<String, String>> PAYLOAD = Argument.mapOf(String.class, String.class);
    /** Changes one subscription may have waiting (its reads are one at a time); more end it. */
    private static final int MAX_WAITING = 1_000;

    private final JsonMapper json;
    private final Sinks.Many<Change> heard = Sinks.many().multicast().directBestEffort();

    public ChangeFeed(JsonMapper json) {
        this.json = json;
    }

    /** Every change committed from now on, on any instance. */
    public Flux<Change> changes() {
        return heard.asFlux().onBackpressureBuffer(MAX_WAITING, BufferOverflowStrategy.ERROR);
    }

    @Override
    public String channel() {
        return Change.CHANNEL;
    }

    @Override
    public void heard(String payload) {
        Change change = parse(payload);
        if (change != null) {
            heard.tryEmitNext(change);
        }
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
