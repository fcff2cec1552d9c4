package io.lendx.http;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HttpDateTest {

    @Test
    void writesImfFixdateInGmt() {
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDate.of(Instant.parse("1994-11-06T08:49:37.250Z").toEpochMilli()));
    }

    @Test
    void movesOnWithEachSecond() {
        long noon = Instant.parse("2026-12-05T12:00:00Z").toEpochMilli();
        assertEquals("Sat, 05 Dec 2026 12:00:00 GMT", HttpDate.of(noon));
        assertEquals("Sat, 05 Dec 2026 12:00:00 GMT", HttpDate.of(noon + 999));
        assertEquals("Sat, 05 Dec 2026 12:00:01 GMT", HttpDate.of(noon + 1000));
    }
}
