package io.lendx.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When {@link BatchedConsoleAppender} writes the lines it holds, and that it writes them whole. */
class BatchedConsoleAppenderTest {

    /** Longer than any test: only what a test does writes lines out. */
    private static final long NEVER = TimeUnit.HOURS.toMillis(1);

    private final LoggerContext context = new LoggerContext();
    private final Output output = new Output();
    private BatchedConsoleAppender appender;

    BatchedConsoleAppenderTest() {
        context.setMDCAdapter(new LogbackMDCAdapter());
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void holdsInfoLinesUntilAWarningThenWritesThemInOrder() {
        Logger log = logger(NEVER);
        log.info("first");
        log.info("second");

        assertEquals("", output.text(), "INFO lines wait for the next flush");

        log.warn("third");

        assertEquals("INFO first\nINFO second\nWARN third\n", output.text());
    }

    @Test
    void writesHeldLinesWithinTheFlushInterval() throws InterruptedException {
        Logger log = logger(20);
        log.info("on its way");

        assertTrue(output.firstWrite.await(10, TimeUnit.SECONDS), "nothing was written in 10 s");
        assertEquals("INFO on its way\n", output.text());
    }

    @Test
    void aFullBufferIsWrittenAsWholeLines() {
        Logger log = logger(NEVER);
        List<String> lines = IntStream.range(0, 2_000)
                .mapToObj(i -> "line " + i + " " + "x".repeat(90)).toList();
        lines.forEach(log::info);

        assertTrue(output.writes.size() >= 2, "200 KB of lines went out in " + output.writes.size() + " writes");
        output.writes.forEach(written -> assertTrue(written.endsWith("\n"), "a write ended inside a line"));
        appender.stop();
        assertEquals(lines.stream().map(line -> "INFO " + line + "\n").collect(Collectors.joining()), output.text());
    }

    @Test
    void stoppingWritesWhatIsHeldAndLeavesStandardOutputOpen() {
        Logger log = logger(NEVER);
        log.info("last words");

        appender.stop();

        assertEquals("INFO last words\n", output.text());
        assertFalse(output.closed, "standard output was closed");
    }

    @Test
    void refusesAFlushIntervalThatIsNotPositive() {
        appender = appender(0);
        assertFalse(appender.isStarted());
    }

    private Logger logger(long flushMillis) {
        appender = appender(flushMillis);
        Logger log = context.getLogger("test");
        log.setAdditive(false);
        log.setLevel(Level.INFO);
        log.addAppender(appender);
        return log;
    }

    private BatchedConsoleAppender appender(long flushMillis) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %msg%n");
        encoder.start();
        BatchedConsoleAppender batched = new BatchedConsoleAppender() {
            @Override
            protected OutputStream standardOutput() {
                return output;
            }
        };
        batched.setContext(context);
        batched.setEncoder(encoder);
        batched.setFlushMillis(flushMillis);
        batched.start();
        return batched;
    }

    /** Standard output as the appender's buffer writes to it: each write kept apart. */
    private static final class Output extends OutputStream {
        final List<String> writes = new ArrayList<>();
        final CountDownLatch firstWrite = new CountDownLatch(1);
        final ByteArrayOutputStream all = new ByteArrayOutputStream();
        volatile boolean closed;

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            writes.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
            all.write(bytes, offset, length);
            firstWrite.countDown();
        }

        @Override
        public void close() {
            closed = true;
        }

        synchronized String text() {
            return all.toString(StandardCharsets.UTF_8);
        }
    }
}
