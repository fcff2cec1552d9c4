package io.lendx.config;

import io.lettuce.core.RedisURI;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operational environment variables (pool, timeouts, TLS, log format, port), checked
 * before start-up: a bad value stops the service with a message that names the variable,
 * instead of a conversion error deep inside a connection pool.
 */
public final class OperationalSettings {

    private static final String OPTIONS = "r2dbc.datasources.default.options.";
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca",
            "verify-full");
    private static final Pattern SIZE = Pattern.compile("(\\d+)(KB|MB|GB)?");
    private static final Set<String> LOG_FORMATS = Set.of("text", "json");
    /** The exporter here sends with the JDK's HTTP client, which speaks no gRPC. */
    private static final Set<String> OTLP_PROTOCOLS = Set.of("http/protobuf");

    /** How a value is checked: given the variable's name (for the message) and the value, the value to use. */
    private interface Check extends BiFunction<String, String, String> {
    }

    /** One variable: how to check its value and which property, if any, it sets. */
    private record Setting(String variable, @Nullable String property, Check check) {
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting("LENDX_DB_POOL_INITIAL_SIZE", OPTIONS + "initialSize", atLeast(0)),
            new Setting("LENDX_DB_POOL_MAX_SIZE", OPTIONS + "maxSize", atLeast(1)),
            // Not r2dbc-pool's maxAcquireTime, which timed every acquisition (io.lendx.dbpool.ConnectionPools).
            new Setting("LENDX_DB_POOL_ACQUIRE_TIMEOUT", "lendx.db.pool.acquire-timeout", OperationalSettings::duration),
            new Setting("LENDX_DB_POOL_MAX_IDLE_TIME", OPTIONS + "maxIdleTime", OperationalSettings::duration),
            new Setting("LENDX_DB_POOL_MAX_LIFETIME", OPTIONS + "maxLifeTime", OperationalSettings::duration),
            new Setting("LENDX_DB_CONNECT_TIMEOUT", OPTIONS + "connectTimeout", OperationalSettings::duration),
            new Setting("LENDX_DB_STATEMENT_TIMEOUT", OPTIONS + "statementTimeout", OperationalSettings::duration),
            new Setting("LENDX_DB_SSL_MODE", OPTIONS + "sslMode", oneOf(SSL_MODES)),
            // Read by logback.xml itself; checked here so a typo does not silently mean "text".
            new Setting("LENDX_LOG_FORMAT", null, oneOf(LOG_FORMATS)),
            new Setting("MICRONAUT_SERVER_PORT", "micronaut.server.port", OperationalSettings::port),
            // Micronaut maps these to lendx.* properties itself; checked here so that a bad value
            // is reported by its variable's name rather than by a property name.
            checkOnly("LENDX_GRAPHQL_MAX_DEPTH", atLeast(1)),
            checkOnly("LENDX_GRAPHQL_MAX_COST", atLeast(1)),
            checkOnly("LENDX_GRAPHQL_MAX_ALIASES", atLeast(0)),
            checkOnly("LENDX_GRAPHQL_MAX_ROOT_FIELDS", atLeast(1)),
            checkOnly("LENDX_GRAPHQL_REQUEST_TIMEOUT", OperationalSettings::duration),
            checkOnly("LENDX_HTTP_REQUEST_READ_TIMEOUT", OperationalSettings::duration),
            checkOnly("LENDX_GRAPHQL_MAX_CONCURRENT_EXECUTIONS", atLeast(1)),
            checkOnly("LENDX_GRAPHQL_INTROSPECTION_ENABLED", OperationalSettings::bool),
            checkOnly("LENDX_GRAPHQL_PERSISTED_ONLY", OperationalSettings::bool),
            checkOnly("LENDX_AUTH_UNSIGNED_REGISTRATION", OperationalSettings::bool),
            checkOnly("LENDX_DB_LOG_STATEMENTS", OperationalSettings::bool),
            checkOnly("LENDX_CACHE_ENABLED", OperationalSettings::bool),
            checkOnly("LENDX_CACHE_MAX_BYTES", OperationalSettings::bytes),
            checkOnly("LENDX_CACHE_VERIFY_RATE", OperationalSettings::fraction),
            checkOnly("LENDX_RETENTION_IDEMPOTENCY", OperationalSettings::duration),
            checkOnly("LENDX_RETENTION_EXPIRED_KEYS", OperationalSettings::duration),
            checkOnly("LENDX_RETENTION_AUDIT", OperationalSettings::duration),
            checkOnly("LENDX_RETENTION_INTERVAL", OperationalSettings::duration),
            checkOnly("LENDX_DB_LOG_BIND_VALUES", OperationalSettings::bool),
            checkOnly("LENDX_AUTH_CHALLENGE_LIFETIME", OperationalSettings::duration),
            checkOnly("LENDX_GRAPHQL_GET_MAX_AGE", OperationalSettings::duration),
            checkOnly("LENDX_RATE_LIMIT_PER_KEY", atLeast(1)),
            checkOnly("LENDX_RATE_LIMIT_PER_ADDRESS", atLeast(1)),
            checkOnly("LENDX_RATE_LIMIT_PERIOD", OperationalSettings::duration),
            checkOnly("LENDX_RATE_LIMIT_MAX_FAILED_AUTHENTICATIONS", atLeast(1)),
            checkOnly("LENDX_RATE_LIMIT_FAILURE_WINDOW", OperationalSettings::duration),
            checkOnly("LENDX_RATE_LIMIT_LOCKOUT", OperationalSettings::duration),
            checkOnly("LENDX_SHUTDOWN_GRACE_PERIOD", OperationalSettings::duration),
            checkOnly("LENDX_WS_INIT_TIMEOUT", OperationalSettings::duration),
            checkOnly("LENDX_WS_MAX_SUBSCRIPTIONS", atLeast(1)),
            checkOnly("LENDX_WS_KEEP_ALIVE", OperationalSettings::duration),
            checkOnly("LENDX_WS_MAX_QUEUED_EVENTS", atLeast(1)),
            checkOnly("LENDX_EXPIRY_INTERVAL", OperationalSettings::duration),
            checkOnly("LENDX_DB_REPLICA_URL", OperationalSettings::databaseUrl),
            checkOnly("LENDX_DB_REPLICA_MAX_LAG", OperationalSettings::duration),
            checkOnly("LENDX_DB_REPLICA_CHECK_INTERVAL", OperationalSettings::duration),
            checkOnly("REDIS_URL", OperationalSettings::redisUrl),
            checkOnly("LENDX_REDIS_TIMEOUT", OperationalSettings::duration),
            checkOnly("LENDX_EXPIRY_ENABLED", OperationalSettings::bool),
            checkOnly("LENDX_SAMPLE_DATA_ENABLED", OperationalSettings::bool),
            checkOnly("LENDX_SLOW_OPERATION_THRESHOLD", OperationalSettings::duration),
            checkOnly("LENDX_SERVER_TIMING", OperationalSettings::bool),
            // Read by the OpenTelemetry SDK itself (io.lendx.tracing).
            checkOnly("OTEL_EXPORTER_OTLP_PROTOCOL", oneOf(OTLP_PROTOCOLS)),
            checkOnly("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", oneOf(OTLP_PROTOCOLS)));

    private static Setting checkOnly(String variable, Check check) {
        return new Setting(variable, null, check);
    }

    private OperationalSettings() {
    }

    /** The properties the set variables imply; throws {@link InvalidSettingException} on a bad value. */
    public static Map<String, Object> fromEnvironment(Map<String, String> env) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Setting setting : SETTINGS) {
            String value = env.get(setting.variable());
            if (value != null && !value.isBlank()) {
                String checked = setting.check().apply(setting.variable(), value.trim());
                if (setting.property() != null) {
                    properties.put(setting.property(), checked);
                }
            }
        }
        return properties;
    }

    /** A duration as "500ms", "5s", "2m", "1h", "7d" or ISO-8601 ("PT5S"), in the ISO form drivers parse. */
    static String duration(String variable, String value) {
        Matcher simple = SIMPLE_DURATION.matcher(value.toLowerCase(Locale.ROOT));
        try {
            Duration duration;
            if (simple.matches()) {
                long amount = Long.parseLong(simple.group(1));
                duration = switch (simple.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            } else {
                duration = Duration.parse(value);
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new InvalidSettingException(variable, "a positive duration such as 5s or PT5S", value);
            }
            return duration.toString();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidSettingException(variable, "a duration such as 500ms, 5s, 2m or PT5S", value);
        }
    }

    /** A URL in the form of DATABASE_URL, for another variable (its password is never echoed). */
    private static String databaseUrl(String variable, String value) {
        DatabaseSettings.fromDatabaseUrl(value, variable);
        return value;
    }

    /** What Lettuce accepts: redis://, rediss:// or redis-socket://, with the password kept out of the message. */
    private static String redisUrl(String variable, String value) {
        try {
            RedisURI.create(value);
            return value;
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(variable, "a Redis URL such as redis://localhost:6379/0",
                    value.replaceAll("//[^@/]*@", "//***@"));
        }
    }

    private static Check atLeast(int minimum) {
        return (variable, value) -> integer(variable, value, minimum);
    }

    private static Check oneOf(Set<String> allowed) {
        return (variable, value) -> oneOf(variable, value, allowed);
    }

    private static String integer(String variable, String value, int minimum) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= minimum) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidSettingException(variable, "a whole number of at least " + minimum, value);
    }

    /** A size in bytes: a whole number, or with KB, MB or GB (binary multiples, as Micronaut reads it), e.g. "64MB". */
    private static String bytes(String variable, String value) {
        Matcher size = SIZE.matcher(value.toUpperCase(Locale.ROOT));
        if (size.matches() && size.group(1).length() <= 12) {
            return value;
        }
        throw new InvalidSettingException(variable, "a size in bytes such as 67108864 or 64MB", value);
    }

    /** A share from 0 to 1, e.g. "0.01". */
    private static String fraction(String variable, String value) {
        try {
            double parsed = Double.parseDouble(value);
            if (parsed >= 0 && parsed <= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidSettingException(variable, "a number from 0 to 1, such as 0.01", value);
    }

    private static String bool(String variable, String value) {
        return oneOf(variable, value, Set.of("true", "false"));
    }

    private static String port(String variable, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidSettingException(variable, "a port number from 1 to 65535", value);
    }

    private static String oneOf(String variable, String value, Set<String> allowed) {
        String normalized = value.toLowerCase(Locale.ROOT);
        if (!allowed.contains(normalized)) {
            throw new InvalidSettingException(variable, "one of " + String.join(", ", allowed.stream().sorted().toList()),
                    value);
        }
        return normalized;
    }
}
