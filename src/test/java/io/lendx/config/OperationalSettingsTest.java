package io.lendx.config;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LENDX_DB_* and friends become properties, and a bad value stops start-up naming its variable. */
class OperationalSettingsTest {

    private static final String OPTIONS = "r2dbc.datasources.default.options.";

    @Test
    void everyVariableMapsToItsProperty() {
        Map<String, String> env = new HashMap<>();
        env.put("LENDX_DB_POOL_INITIAL_SIZE", "0");
        env.put("LENDX_DB_POOL_MAX_SIZE", "25");
        env.put("LENDX_DB_POOL_ACQUIRE_TIMEOUT", "5s");
        env.put("LENDX_DB_POOL_MAX_IDLE_TIME", "PT2M");
        env.put("LENDX_DB_POOL_MAX_LIFETIME", "1h");
        env.put("LENDX_DB_CONNECT_TIMEOUT", "500ms");
        env.put("LENDX_DB_STATEMENT_TIMEOUT", "2m");
        env.put("LENDX_DB_SSL_MODE", "verify-full");
        env.put("LENDX_LOG_FORMAT", "json");
        env.put("MICRONAUT_SERVER_PORT", "9090");

        assertEquals(Map.of(
                OPTIONS + "initialSize", "0",
                OPTIONS + "maxSize", "25",
                "lendx.db.pool.acquire-timeout", "PT5S",
                OPTIONS + "maxIdleTime", "PT2M",
                OPTIONS + "maxLifeTime", "PT1H",
                OPTIONS + "connectTimeout", "PT0.5S",
                OPTIONS + "statementTimeout", "PT2M",
                OPTIONS + "sslMode", "verify-full",
                "micronaut.server.port", "9090"), OperationalSettings.fromEnvironment(env));
    }

    @Test
    void durationsAreWrittenInTheIsoFormDriversRead() {
        assertDuration("5s", "PT5S");
        assertDuration("500ms", "PT0.5S");
        assertDuration("1500ms", "PT1.5S");
        assertDuration("2m", "PT2M");
        assertDuration("7d", "PT168H");
        assertDuration("90s", "PT1M30S");
        assertDuration("1h", "PT1H");
        assertDuration("PT2M", "PT2M");
        assertDuration("PT0.25S", "PT0.25S");
        assertDuration("5S", "PT5S");
        assertDuration(" 5s ", "PT5S");
    }

    @Test
    void sslModeAndLogFormatIgnoreCase() {
        assertEquals(Map.of(OPTIONS + "sslMode", "require"),
                OperationalSettings.fromEnvironment(Map.of("LENDX_DB_SSL_MODE", "REQUIRE", "LENDX_LOG_FORMAT", "JSON")));
        for (String mode : new String[]{"disable", "allow", "prefer", "require", "verify-ca", "verify-full"}) {
            assertEquals(Map.of(OPTIONS + "sslMode", mode),
                    OperationalSettings.fromEnvironment(Map.of("LENDX_DB_SSL_MODE", mode)));
        }
    }

    @Test
    void theLogFormatIsCheckedButSetsNoProperty() {
        assertEquals(Map.of(), OperationalSettings.fromEnvironment(Map.of("LENDX_LOG_FORMAT", "text")));
        assertEquals(Map.of(), OperationalSettings.fromEnvironment(Map.of("LENDX_LOG_FORMAT", "json")));
    }

    @Test
    void badNumbersNameTheirVariable() {
        assertRefused("LENDX_DB_POOL_MAX_SIZE", "abc");
        assertRefused("LENDX_DB_POOL_MAX_SIZE", "-1");
        assertRefused("LENDX_DB_POOL_MAX_SIZE", "0");
        assertRefused("LENDX_DB_POOL_MAX_SIZE", "2.5");
        assertRefused("LENDX_DB_POOL_MAX_SIZE", "99999999999");
        assertRefused("LENDX_DB_POOL_INITIAL_SIZE", "-1");
        assertRefused("LENDX_DB_POOL_INITIAL_SIZE", "abc");
    }

    @Test
    void badDurationsNameTheirVariable() {
        for (String variable : new String[]{"LENDX_DB_POOL_ACQUIRE_TIMEOUT", "LENDX_DB_POOL_MAX_IDLE_TIME",
                "LENDX_DB_POOL_MAX_LIFETIME", "LENDX_DB_CONNECT_TIMEOUT", "LENDX_DB_STATEMENT_TIMEOUT"}) {
            for (String bad : new String[]{"abc", "-1", "0s", "0ms", "PT0S", "PT-5S", "soon", "5", "5 s", "1w"}) {
                assertRefused(variable, bad);
            }
        }
    }

    @Test
    void theResponseCacheSettingsAreChecked() {
        assertEquals(Map.of(), OperationalSettings.fromEnvironment(Map.of("LENDX_CACHE_ENABLED", "false",
                "LENDX_CACHE_MAX_BYTES", "64MB", "LENDX_CACHE_VERIFY_RATE", "0.01")));
        OperationalSettings.fromEnvironment(Map.of("LENDX_CACHE_MAX_BYTES", "1048576"));
        assertRefused("LENDX_CACHE_ENABLED", "yes");
        assertRefused("LENDX_CACHE_MAX_BYTES", "64 MB");
        assertRefused("LENDX_CACHE_MAX_BYTES", "-1");
        assertRefused("LENDX_CACHE_MAX_BYTES", "lots");
        assertRefused("LENDX_CACHE_VERIFY_RATE", "1.5");
        assertRefused("LENDX_CACHE_VERIFY_RATE", "-0.1");
        assertRefused("LENDX_CACHE_VERIFY_RATE", "always");
    }

    @Test
    void badChoicesAndPortsNameTheirVariable() {
        assertRefused("LENDX_DB_SSL_MODE", "maybe");
        assertRefused("LENDX_DB_SSL_MODE", "true");
        assertRefused("LENDX_LOG_FORMAT", "xml");
        assertRefused("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc");
        assertRefused("LENDX_SLOW_OPERATION_THRESHOLD", "soon");
        assertRefused("MICRONAUT_SERVER_PORT", "70000");
        assertRefused("MICRONAUT_SERVER_PORT", "0");
        assertRefused("MICRONAUT_SERVER_PORT", "-1");
        assertRefused("MICRONAUT_SERVER_PORT", "http");
    }

    @Test
    void theMultiInstanceSettingsAreCheckedWithoutEchoingPasswords() {
        assertRefused("REDIS_URL", "notaurl://x");
        assertRefused("LENDX_DB_REPLICA_MAX_LAG", "soon");
        assertRefused("LENDX_REDIS_TIMEOUT", "0s");

        InvalidSettingException replica = assertThrows(InvalidSettingException.class,
                () -> OperationalSettings.fromEnvironment(Map.of("LENDX_DB_REPLICA_URL", "postgres://u:secret@host")));
        assertTrue(replica.getMessage().startsWith("LENDX_DB_REPLICA_URL is invalid"), replica.getMessage());
        assertFalse(replica.getMessage().contains("secret"), replica.getMessage());
        InvalidSettingException redis = assertThrows(InvalidSettingException.class,
                () -> OperationalSettings.fromEnvironment(Map.of("REDIS_URL", "http://:secret@host:6379")));
        assertFalse(redis.getMessage().contains("secret"), redis.getMessage());
        assertTrue(OperationalSettings.fromEnvironment(Map.of("REDIS_URL", "redis://localhost:6379/0",
                "LENDX_DB_REPLICA_URL", "postgres://u:p@replica:5432/lendx")).isEmpty());
    }

    @Test
    void theMessageSaysWhatIsExpectedAndWhatWasGiven() {
        InvalidSettingException refused = assertThrows(InvalidSettingException.class,
                () -> OperationalSettings.fromEnvironment(Map.of("LENDX_DB_CONNECT_TIMEOUT", "soon")));
        assertEquals("LENDX_DB_CONNECT_TIMEOUT must be a duration such as 500ms, 5s, 2m or PT5S, but is 'soon'",
                refused.getMessage());
        InvalidSettingException zero = assertThrows(InvalidSettingException.class,
                () -> OperationalSettings.fromEnvironment(Map.of("LENDX_DB_STATEMENT_TIMEOUT", "0s")));
        assertEquals("LENDX_DB_STATEMENT_TIMEOUT must be a positive duration such as 5s or PT5S, but is '0s'",
                zero.getMessage());
        InvalidSettingException port = assertThrows(InvalidSettingException.class,
                () -> OperationalSettings.fromEnvironment(Map.of("MICRONAUT_SERVER_PORT", "70000")));
        assertEquals("MICRONAUT_SERVER_PORT must be a port number from 1 to 65535, but is '70000'", port.getMessage());
    }

    @Test
    void unsetOrBlankVariablesProduceNothing() {
        assertEquals(Map.of(), OperationalSettings.fromEnvironment(Map.of()));
        Map<String, String> blank = new HashMap<>();
        for (String variable : new String[]{"LENDX_DB_POOL_INITIAL_SIZE", "LENDX_DB_POOL_MAX_SIZE",
                "LENDX_DB_POOL_ACQUIRE_TIMEOUT", "LENDX_DB_POOL_MAX_IDLE_TIME", "LENDX_DB_POOL_MAX_LIFETIME",
                "LENDX_DB_CONNECT_TIMEOUT", "LENDX_DB_STATEMENT_TIMEOUT", "LENDX_DB_SSL_MODE", "LENDX_LOG_FORMAT",
                "MICRONAUT_SERVER_PORT"}) {
            blank.put(variable, variable.length() % 2 == 0 ? "" : "   ");
        }
        assertEquals(Map.of(), OperationalSettings.fromEnvironment(blank));
        assertEquals(Map.of(), OperationalSettings.fromEnvironment(Map.of("HOME", "/root", "LENDX_DB_OTHER", "x")));
    }

    @Test
    void aDatabaseUrlSslModeIsAnR2dbcOptionAndStaysInTheJdbcUrl() {
        Map<String, Object> properties = DatabaseSettings.fromEnvironment(
                Map.of("DATABASE_URL", "postgres://app:pw@db.example:5432/lendx?sslmode=require"));
        assertEquals("require", properties.get(OPTIONS + "sslMode"));
        assertEquals("r2dbc:pool:postgresql://db.example:5432/lendx", properties.get("r2dbc.datasources.default.url"));
        assertEquals("jdbc:postgresql://db.example:5432/lendx?sslmode=require",
                properties.get("flyway.datasources.default.url"));

        Map<String, Object> plain = DatabaseSettings.fromEnvironment(
                Map.of("DATABASE_URL", "postgres://app:pw@db.example:5432/lendx"));
        assertEquals(false, plain.containsKey(OPTIONS + "sslMode"));
        assertEquals("jdbc:postgresql://db.example:5432/lendx", plain.get("flyway.datasources.default.url"));

        Map<String, Object> withOthers = DatabaseSettings.fromEnvironment(Map.of("DATABASE_URL",
                "postgresql://app@db.example/lendx?application_name=lendx&sslmode=verify-full"));
        assertEquals("verify-full", withOthers.get(OPTIONS + "sslMode"));
        assertEquals("jdbc:postgresql://db.example/lendx?application_name=lendx&sslmode=verify-full",
                withOthers.get("flyway.datasources.default.url"));
    }

    @Test
    void variablesMicronautMapsItselfAreCheckedToo() {
        assertRefused("LENDX_GRAPHQL_MAX_DEPTH", "deep");
        assertRefused("LENDX_GRAPHQL_REQUEST_TIMEOUT", "forever");
        assertRefused("LENDX_GRAPHQL_INTROSPECTION_ENABLED", "yes");
        assertRefused("LENDX_RATE_LIMIT_PER_KEY", "0");
        assertRefused("LENDX_RATE_LIMIT_LOCKOUT", "-5m");
        assertRefused("LENDX_SHUTDOWN_GRACE_PERIOD", "soon");
        assertRefused("LENDX_SAMPLE_DATA_ENABLED", "maybe");
        assertEquals(Map.of(), OperationalSettings.fromEnvironment(Map.of("LENDX_GRAPHQL_MAX_DEPTH", "8",
                "LENDX_RATE_LIMIT_PERIOD", "30s", "LENDX_EXPIRY_ENABLED", "false")),
                "valid values pass and are left to Micronaut's own mapping");
    }

    private static void assertDuration(String given, String expected) {
        assertEquals(Map.of(OPTIONS + "connectTimeout", expected),
                OperationalSettings.fromEnvironment(Map.of("LENDX_DB_CONNECT_TIMEOUT", given)), given);
    }

    private static void assertRefused(String variable, String value) {
        InvalidSettingException refused = assertThrows(InvalidSettingException.class,
                () -> OperationalSettings.fromEnvironment(Map.of(variable, value)), () -> variable + "=" + value);
        assertTrue(refused.getMessage().startsWith(variable + " "), refused.getMessage());
        assertTrue(refused.getMessage().contains("'" + value.trim() + "'"), refused.getMessage());
    }
}
