package io.lendx.redis;

import io.lendx.config.InvalidSettingException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * This instance's connection to the shared Redis. It never makes a caller wait for Redis: a
 * command fails at once while the connection is down (Lettuce reconnects by itself behind it)
 * and after {@code LENDX_REDIS_TIMEOUT} when Redis does not answer, and an instance that
 * started while Redis was away opens the connection later, on first use after a retry interval.
 */
@Context
@Requires(property = RedisLink.URL)
public class RedisLink implements AutoCloseable {

    static final String URL = "redis.url";
    private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);
    private static final Duration CONNECT_RETRY = Duration.ofSeconds(1);

    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI uri;
    private final Duration timeout;
    private final AtomicBoolean connecting = new AtomicBoolean();
    private volatile StatefulRedisConnection<String, byte[]> connection;
    /** System.nanoTime() of the next connection attempt allowed. */
    private volatile long nextAttempt = System.nanoTime();
    private volatile CompletableFuture<StatefulRedisConnection<String, byte[]>> pending;

    public RedisLink(@Property(name = URL) String url, @Value("${lendx.redis.timeout:200ms}") Duration timeout) {
        this.timeout = timeout;
        this.uri = uri(url, timeout);
        // Lettuce's default backs off to 30 s between reconnects; an outage should end sooner than that here.
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout.multipliedBy(5)).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        awaitFirstConnection();
    }

    /** At start-up, so that the first requests already share their limits when Redis is there. */
    private void awaitFirstConnection() {
        connectInBackground();
        try {
            pending.get(timeout.multipliedBy(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Logged by the attempt itself; the instance starts with its own limits.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static RedisURI uri(String url, Duration timeout) {
        try {
            RedisURI uri = RedisURI.create(url);
            uri.setTimeout(timeout);
            return uri;
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("REDIS_URL", "a Redis URL such as redis://localhost:6379/0",
                    url.replaceAll("//[^@/]*@", "//***@"));
        }
    }

    /** How long a command may take before the caller goes on without Redis. */
    public Duration timeout() {
        return timeout;
    }

    /** The open connection, or empty while there is none (and a new attempt is started when due). */
    public Optional<StatefulRedisConnection<String, byte[]>> connection() {
        StatefulRedisConnection<String, byte[]> current = connection;
        if (current == null) {
            connectInBackground();
        }
        return Optional.ofNullable(current);
    }

    private void connectInBackground() {
        long now = System.nanoTime();
        if (now - nextAttempt < 0 || !connecting.compareAndSet(false, true)) {
            return;
        }
        nextAttempt = now + CONNECT_RETRY.toNanos();
        pending = client.connectAsync(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE), uri)
                .toCompletableFuture().whenComplete((opened, failure) -> {
                    if (failure == null) {
                        connection = opened;
                        LOG.info("Connected to Redis: rate limits are shared with the other instances");
                    } else {
                        LOG.warn("Redis is unreachable ({}): rate limits stay in this instance's memory until it is back",
                                failure.getMessage());
                    }
                    connecting.set(false);
                });
    }

    @PreDestroy
    @Override
    public void close() {
        StatefulRedisConnection<String, byte[]> current = connection;
        if (current != null) {
            current.close();
        }
        client.shutdown(Duration.ZERO, timeout);
        resources.shutdown(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
