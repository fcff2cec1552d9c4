package io.lendx.dbpool;

import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import static io.r2dbc.pool.PoolingConnectionFactoryProvider.*;

/**
 * The four r2dbc-pool options the service documents ({@code LENDX_DB_POOL_*}), read from the
 * data source's options as r2dbc-pool reads them (a number or a string, a duration or an ISO-8601
 * string) and with r2dbc-pool's defaults. A negative idle time or lifetime means no limit; zero,
 * that a connection is closed as soon as it is given back.
 */
record PoolSettings(int initialSize, int maxSize, Duration maxIdleTime, Duration maxLifeTime) {

    static final int DEFAULT_SIZE = 10;
    static final Duration DEFAULT_MAX_IDLE_TIME = Duration.ofMinutes(30);
    static final Duration NO_LIMIT = Duration.ofMillis(-1);

    /** r2dbc-pool's other options, which this pool does not implement: set, they are named in a warning. */
    private static final List<Option<?>> NOT_READ = List.of(ACQUIRE_RETRY, BACKGROUND_EVICTION_INTERVAL,
            MAX_ACQUIRE_TIME, MAX_CREATE_CONNECTION_TIME, MAX_VALIDATION_TIME, MIN_IDLE, POOL_NAME, POST_ALLOCATE,
            PRE_RELEASE, REGISTER_JMX, VALIDATION_DEPTH, VALIDATION_QUERY);

    PoolSettings {
        if (initialSize < 0 || maxSize < 1 || initialSize > maxSize) {
            throw new IllegalArgumentException("The connection pool needs 0 <= initialSize (" + initialSize
                    + ") <= maxSize (" + maxSize + ") and maxSize >= 1");
        }
    }

    static PoolSettings from(ConnectionFactoryOptions options) {
        return new PoolSettings(
                read(options, INITIAL_SIZE, DEFAULT_SIZE, Integer.class, Integer::valueOf),
                read(options, MAX_SIZE, DEFAULT_SIZE, Integer.class, Integer::valueOf),
                read(options, MAX_IDLE_TIME, DEFAULT_MAX_IDLE_TIME, Duration.class, Duration::parse),
                read(options, MAX_LIFE_TIME, NO_LIMIT, Duration.class, Duration::parse));
    }

    /** The names of r2dbc-pool's options that {@code options} sets and this pool does not read. */
    static List<String> unread(ConnectionFactoryOptions options) {
        return NOT_READ.stream().filter(options::hasOption).map(Option::name).toList();
    }

    /** Whether a connection idle for {@code idleMillis} and open for {@code ageMillis} is to be closed. */
    boolean expired(long idleMillis, long ageMillis) {
        return exceeds(idleMillis, maxIdleTime) || exceeds(ageMillis, maxLifeTime);
    }

    private static boolean exceeds(long millis, Duration limit) {
        return !limit.isNegative() && millis >= limit.toMillis();
    }

    private static <T> T read(ConnectionFactoryOptions options, Option<T> option, T fallback, Class<T> type,
                              Function<String, T> parse) {
        Object value = options.getValue(option);
        if (value == null) {
            return fallback;
        }
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        try {
            return parse.apply(value.toString().trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The connection pool option " + option.name() + " is not valid: " + value);
        }
    }
}
