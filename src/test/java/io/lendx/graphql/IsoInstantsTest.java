package io.lendx.graphql;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IsoInstantsTest {

    @Test
    void writesWhatTheJdksIsoInstantFormatterWrites() {
        for (String text : List.of("1970-01-01T00:00:00Z", "2026-11-21T10:15:30Z", "2026-11-21T10:15:00Z",
                "2026-11-21T10:00:00.100Z", "2026-11-21T10:15:30.123456Z", "2026-11-21T10:15:30.000001Z",
                "2026-11-21T10:15:30.123456789Z", "2026-11-21T10:15:30.000000001Z", "0000-01-01T00:00:00Z",
                "0001-01-01T00:00:00Z", "0999-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999999Z",
                "2024-02-29T12:00:00Z", "9999-12-31T23:59:59.999999999Z")) {
            Instant instant = Instant.parse(text);
            assertEquals(DateTimeFormatter.ISO_INSTANT.format(instant), IsoInstants.format(instant), text);
        }
    }

    @Test
    void agreesWithTheJdkOnRandomInstantsOfEveryPrecision() {
        SplittableRandom random = new SplittableRandom(19);
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        int[] units = {1_000_000_000, 1_000_000, 1_000, 1};
        for (int i = 0; i < 100_000; i++) {
            int unit = units[i % units.length];
            Instant instant = Instant.ofEpochSecond(random.nextLong(first, last + 1),
                    unit == 1_000_000_000 ? 0 : random.nextInt(1_000_000_000 / unit) * unit);
            assertEquals(DateTimeFormatter.ISO_INSTANT.format(instant), IsoInstants.format(instant), instant::toString);
        }
    }

    @Test
    void leavesYearsBeyondFourDigitsToTheJdk() {
        for (Instant instant : List.of(Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.MAX, Instant.MIN)) {
            assertEquals(DateTimeFormatter.ISO_INSTANT.format(instant), IsoInstants.format(instant));
        }
    }
}
