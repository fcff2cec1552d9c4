package io.lendx.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/**
 * Standard output for log lines (logback.xml), written a batch at a time: logback's
 * ConsoleAppender makes a system call for every line, and with one access line per request that
 * was 7 % of the CPU of a one-statement query (bench/README, "The access log"). Lines still go
 * out whole and in order: at the latest {@code flushMillis} (default 100) after they are logged,
 * a WARN or ERROR line at once together with all before it, and each at once from the moment
 * the JVM starts to shut down. Only a process that dies without running its shutdown hooks
 * (kill -9, an out-of-memory exit) loses what it logged in its last {@code flushMillis}.
 */
public class BatchedConsoleAppender extends OutputStreamAppender<ILoggingEvent> {

    /** Whole lines only: a line is copied into the buffer, or the buffer is written first. */
    private static final int BUFFER_BYTES = 64 * 1024;

    private long flushMillis = 100;
    private final Thread atShutdown = new Thread(this::flushEveryLineFromNowOn, "log-flush");

    public void setFlushMillis(long flushMillis) {
        this.flushMillis = flushMillis;
    }

    @Override
    public void start() {
        if (flushMillis <= 0) {
            addError("flushMillis must be positive, not " + flushMillis);
            return;
        }
        setOutputStream(new BufferedOutputStream(standardOutput(), BUFFER_BYTES));
        setImmediateFlush(false);
        super.start();
        if (isStarted()) {
            getContext().addScheduledFuture(getContext().getScheduledExecutorService()
                    .scheduleWithFixedDelay(this::flush, flushMillis, flushMillis, TimeUnit.MILLISECONDS));
            Runtime.getRuntime().addShutdownHook(atShutdown);
        }
    }

    @Override
    public void stop() {
        super.stop();
        try {
            Runtime.getRuntime().removeShutdownHook(atShutdown);
        } catch (IllegalStateException shuttingDown) {
            // Stopped by the shutdown itself: the hook runs anyway and finds nothing left to write.
        }
    }

    @Override
    protected void subAppend(ILoggingEvent event) {
        super.subAppend(event);
        if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
            flush();
        }
    }

    /** Where the lines go; tests read them elsewhere. */
    protected OutputStream standardOutput() {
        return new FileOutputStream(FileDescriptor.out);
    }

    /** Standard output outlives this appender (a reconfiguration stops it): flushed, never closed. */
    @Override
    protected void closeOutputStream() {
        flush();
    }

    private void flushEveryLineFromNowOn() {
        streamWriteLock.lock();
        try {
            setImmediateFlush(true);
            flush();
        } finally {
            streamWriteLock.unlock();
        }
    }

    private void flush() {
        streamWriteLock.lock();
        try {
            OutputStream out = getOutputStream();
            if (out != null) {
                out.flush();
            }
        } catch (IOException e) {
            addError("Could not write log lines to standard output", e);
        } finally {
            streamWriteLock.unlock();
        }
    }
}
