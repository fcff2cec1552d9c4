package io.lendx.monitoring;

import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The text format's {@code %traceFields}: the ids of a traced request's line, nothing otherwise. */
class TraceFieldsConverterTest {

    private final TraceFieldsConverter converter = new TraceFieldsConverter();

    @Test
    void aTracedLineEndsWithItsIds() {
        LoggingEvent line = new LoggingEvent();
        line.setMDCPropertyMap(Map.of("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736", "span_id", "00f067aa0ba902b7"));

        assertEquals(" trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7", converter.convert(line));
    }

    @Test
    void anUntracedLineGetsNothing() {
        LoggingEvent line = new LoggingEvent();
        line.setMDCPropertyMap(Map.of("other", "value"));

        assertEquals("", converter.convert(line));
    }
}
