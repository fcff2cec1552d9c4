package io.lendx.monitoring;

import io.micronaut.core.annotation.Nullable;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/** A statement's result whose rows (or changed-row counts) are added to its {@link Run}. */
final class CountedResult implements Result, Wrapped<Result> {

    private final Result delegate;
    private final Run run;

    CountedResult(Result delegate, Run run) {
        this.delegate = delegate;
        this.run = run;
    }

    /**
     * One execution of a statement, done when the driver has sent all its results and every
     * result taken has been read to its end (the driver completes the former first). Its rows
     * arrive one at a time on the connection's thread.
     */
    static final class Run {
        private final String sql;
        private final long startedNanos;
        private final Consumer<ExecutedStatement> finished;
        /**
         * Parts open: the execution, subscribed first, and each result being read, which is
         * subscribed while the execution still runs.
         */
        private final AtomicInteger open = new AtomicInteger();
        private long rows;
        @Nullable
        private volatile Throwable failure;

        Run(String sql, long startedNanos, Consumer<ExecutedStatement> finished) {
            this.sql = sql;
            this.startedNanos = startedNanos;
            this.finished = finished;
        }

        void failed(Throwable failure) {
            this.failure = failure;
        }

        void addRows(long read) {
            rows += read;
        }

        void opened() {
            open.incrementAndGet();
        }

        void closed() {
            if (open.decrementAndGet() == 0) {
                finished.accept(new ExecutedStatement(sql, startedNanos, System.nanoTime(), rows, failure));
            }
        }

        /** The execution itself, whose results are counted as they are read. */
        Flux<Result> executing(Publisher<? extends Result> results) {
            return new RunPart<Result>(Flux.from(results).map(result -> new CountedResult(result, this)), this,
                    RunPart.Counting.NONE);
        }

        /** A result's rows (or counts) being read: the statement is not done until they are. */
        <T> Flux<T> reading(Publisher<T> rows, RunPart.Counting counting) {
            return new RunPart<>(rows, this, counting);
        }
    }

    @Override
    public Publisher<Long> getRowsUpdated() {
        return run.reading(delegate.getRowsUpdated(), RunPart.Counting.VALUES);
    }

    @Override
    public <T> Publisher<T> map(BiFunction<Row, RowMetadata, ? extends T> mapping) {
        return run.reading(delegate.map(mapping), RunPart.Counting.ITEMS);
    }

    @Override
    public <T> Publisher<T> map(Function<? super Readable, ? extends T> mapping) {
        return run.reading(delegate.map(mapping), RunPart.Counting.ITEMS);
    }

    @Override
    public Result filter(Predicate<Segment> filter) {
        return new CountedResult(delegate.filter(filter), run);
    }

    @Override
    public <T> Publisher<T> flatMap(Function<Segment, ? extends Publisher<? extends T>> mapping) {
        return run.reading(delegate.flatMap(segment -> {
            if (segment instanceof RowSegment) {
                run.addRows(1);
            } else if (segment instanceof UpdateCount updated) {
                run.addRows(updated.value());
            }
            return mapping.apply(segment);
        }), RunPart.Counting.NONE);
    }

    @Override
    public Result unwrap() {
        return delegate;
    }
}
