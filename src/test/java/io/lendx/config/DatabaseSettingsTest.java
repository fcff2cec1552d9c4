package io.lendx.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseSettingsTest {

    @Test
    void aDatabaseUrlConfiguresR2dbcAndFlyway() {
        Map<String, Object> properties = DatabaseSettings.fromDatabaseUrl(
                "postgres://lendx:s%40cret@db.internal:6543/marketplace?sslmode=require");
        assertEquals(Map.of(
                "r2dbc.datasources.default.url", "r2dbc:pool:postgresql://db.internal:6543/marketplace",
                "r2dbc.datasources.default.options.sslMode", "require",
                "flyway.datasources.default.url", "jdbc:postgresql://db.internal:6543/marketplace?sslmode=require",
                "r2dbc.datasources.default.username", "lendx",
                "flyway.datasources.default.user", "lendx",
                "r2dbc.datasources.default.password", "s@cret",
                "flyway.datasources.default.password", "s@cret"), properties);
    }

    @Test
    void portAndPasswordAreOptional() {
        Map<String, Object> properties = DatabaseSettings.fromDatabaseUrl("postgresql://reader@localhost/lendx");
        assertEquals("r2dbc:pool:postgresql://localhost/lendx", properties.get("r2dbc.datasources.default.url"));
        assertEquals("reader", properties.get("r2dbc.datasources.default.username"));
        assertFalse(properties.containsKey("r2dbc.datasources.default.password"));
    }

    @Test
    void aBadUrlNamesTheVariableButNotThePassword() {
        for (String bad : new String[]{"mysql://u:p@h/db", "postgres://u:topsecret@host", "not a url at all"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> DatabaseSettings.fromDatabaseUrl(bad));
            assertTrue(refused.getMessage().startsWith("DATABASE_URL is invalid"), refused.getMessage());
            assertFalse(refused.getMessage().contains("topsecret"));
        }
    }

    @Test
    void theStandardR2dbcVariablesAlsoConfigureFlyway() {
        Map<String, String> env = Map.of(
                "R2DBC_DATASOURCES_DEFAULT_URL", "r2dbc:postgresql://pg:5432/lendx",
                "R2DBC_DATASOURCES_DEFAULT_USERNAME", "app",
                "R2DBC_DATASOURCES_DEFAULT_PASSWORD", "pw");
        assertTrue(DatabaseSettings.isExternalDatabaseConfigured(env));
        assertEquals(Map.of("flyway.datasources.default.url", "jdbc:postgresql://pg:5432/lendx",
                "flyway.datasources.default.user", "app",
                "flyway.datasources.default.password", "pw"), DatabaseSettings.fromEnvironment(env));
    }

    @Test
    void withoutDatabaseVariablesTheEmbeddedServerIsUsed() {
        assertFalse(DatabaseSettings.isExternalDatabaseConfigured(Map.of("HOME", "/root", "DATABASE_URL", " ")));
        assertEquals(Map.of(), DatabaseSettings.fromEnvironment(Map.of()));
    }
}
