package io.lendx.dbpool;

import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the pool reads r2dbc-pool's options, and when a connection has expired. */
class PoolSettingsTest {

    private static ConnectionFactoryOptions options(String query) {
        return ConnectionFactoryOptions.parse("r2dbc:pool:postgresql://localhost/lendx" + query);
    }

    @Test
    void absentOptionsTakeR2dbcPoolsDefaults() {
        PoolSettings settings = PoolSettings.from(options(""));

        assertEquals(new PoolSettings(10, 10, Duration.ofMinutes(30), Duration.ofMillis(-1)), settings);
    }

    @Test
    void readsTheServicesOptionsAsStrings() {
        PoolSettings settings = PoolSettings.from(options("?initialSize=2&maxSize=7&maxIdleTime=PT10M&maxLifeTime=PT30M"));

        assertEquals(new PoolSettings(2, 7, Duration.ofMinutes(10), Duration.ofMinutes(30)), settings);
    }

    @Test
    void readsTypedValuesAsTheyAre() {
        ConnectionFactoryOptions options = options("").mutate()
                .option(Option.valueOf("initialSize"), 1)
                .option(Option.valueOf("maxSize"), 3)
                .option(Option.valueOf("maxIdleTime"), Duration.ofSeconds(5))
                .build();

        assertEquals(new PoolSettings(1, 3, Duration.ofSeconds(5), Duration.ofMillis(-1)), PoolSettings.from(options));
    }

    @Test
    void aValueThatIsNotANumberNamesItsOption() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> PoolSettings.from(options("?maxSize=ten")));

        assertEquals("The connection pool option maxSize is not valid: ten", failure.getMessage());
    }

    @Test
    void refusesAnInitialSizeAboveTheMaximum() {
        assertThrows(IllegalArgumentException.class, () -> PoolSettings.from(options("?initialSize=5&maxSize=2")));
        assertThrows(IllegalArgumentException.class, () -> new PoolSettings(0, 0, Duration.ZERO, Duration.ZERO));
    }

    @Test
    void namesTheR2dbcPoolOptionsItDoesNotImplement() {
        assertEquals(List.of("acquireRetry", "validationQuery"),
                PoolSettings.unread(options("?maxSize=4&validationQuery=SELECT%201&acquireRetry=2")));
        assertEquals(List.of(), PoolSettings.unread(options("?initialSize=2&maxSize=4")));
    }

    @Test
    void aConnectionExpiresWhenIdleOrOldBeyondItsLimits() {
        PoolSettings settings = new PoolSettings(1, 2, Duration.ofSeconds(10), Duration.ofSeconds(60));

        assertFalse(settings.expired(9_999, 59_999));
        assertTrue(settings.expired(10_000, 0));
        assertTrue(settings.expired(0, 60_000));
    }

    @Test
    void aNegativeLimitIsNoneAndZeroClosesAtOnce() {
        assertFalse(new PoolSettings(1, 2, Duration.ofMillis(-1), Duration.ofMillis(-1)).expired(Long.MAX_VALUE, Long.MAX_VALUE));
        assertTrue(new PoolSettings(1, 2, Duration.ofMillis(-1), Duration.ZERO).expired(0, 0));
    }
}
