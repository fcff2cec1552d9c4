package io.lendx.monitoring;

import io.micronaut.core.annotation.Nullable;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.util.function.BiFunction;
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
     * One execution of a statement. Its rows arrive one at a time on the connection's thread,
     * which also ends it: plain fields suffice.
     */
    static final class Run {
        private final long startedNanos;
        private long rows;
        @Nullable
        private Throwable failure;

        Run(long startedNanos) {
            this.startedNanos = startedNanos;
        }

        void failed(Throwable failure) {
            this.failure = failure;
        }

        ExecutedStatement done(String sql, boolean failed) {
            return new ExecutedStatement(sql, startedNanos, System.nanoTime(), rows, failed ? failure : null);
        }
    }

    @Override
    public Publisher<Long> getRowsUpdated() {
        return Flux.from(delegate.getRowsUpdated()).doOnNext(updated -> run.rows += updated);
    }

    @Override
    public <T> Publisher<T> map(BiFunction<Row, RowMetadata, ? extends T> mapping) {
        return delegate.map((row, metadata) -> {
            run.rows++;
            return mapping.apply(row, metadata);
        });
    }

    @Override
    public <T> Publisher<T> map(Function<? super Readable, ? extends T> mapping) {
        return delegate.map(readable -> {
            run.rows++;
            return mapping.apply(readable);
        });
    }

    @Override
    public Result filter(Predicate<Segment> filter) {
        return new CountedResult(delegate.filter(filter), run);
    }

    @Override
    public <T> Publisher<T> flatMap(Function<Segment, ? extends Publisher<? extends T>> mapping) {
        return delegate.flatMap(segment -> {
            if (segment instanceof RowSegment) {
                run.rows++;
            } else if (segment instanceof UpdateCount updated) {
                run.rows += updated.value();
            }
            return mapping.apply(segment);
        });
    }

    @Override
    public Result unwrap() {
        return delegate;
    }
}
