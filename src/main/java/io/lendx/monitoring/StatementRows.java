package io.lendx.monitoring;

import io.micronaut.core.annotation.Nullable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.Statement;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Function;

/**
 * A statement's rows, mapped, as one list: what a read that wants them all (a keyset page, a
 * DataLoader's batch) did with {@code flatMap} over its results and a collector, while a
 * request's statement was counted by two more operators and a map ({@link ProfiledStatement}).
 * Here one subscriber reads the results, counts the run the same way (rows, time, failure,
 * closed before the answer goes on) and answers; about a dozen operator subscriptions fewer per
 * statement (bench/README, eighth session). Rows of several results come in their order.
 */
public final class StatementRows<T> extends Mono<List<T>> {

    private final Statement statement;
    private final Function<? super Row, ? extends T> mapper;

    private StatementRows(Statement statement, Function<? super Row, ? extends T> mapper) {
        this.statement = statement;
        this.mapper = mapper;
    }

    /** Executes {@code statement} (bound) when subscribed; its rows through {@code mapper}. */
    public static <T> Mono<List<T>> of(Statement statement, Function<? super Row, ? extends T> mapper) {
        return new StatementRows<>(statement, mapper);
    }

    @Override
    public void subscribe(CoreSubscriber<? super List<T>> actual) {
        CountedResult.Run run = statement instanceof ProfiledStatement profiled ? profiled.newRun() : null;
        Statement executed = run == null ? statement : ((ProfiledStatement) statement).unwrap();
        Reading<T> reading = new Reading<>(actual, mapper, run);
        if (run != null) {
            run.opened();
        }
        try {
            executed.execute().subscribe(reading);
        } catch (RuntimeException refused) {
            // Binding left incomplete, say: the driver throws before it has a publisher.
            reading.failOnSubscribe(refused);
        }
    }

    /**
     * Reads the results one after another as the driver sends them; done once the driver has
     * sent its last result and every result taken has been read to its end (the driver
     * completes the former first), or at the first failure, or when cancelled.
     */
    private static final class Reading<T> extends Operators.MonoSubscriber<Result, List<T>> {

        @SuppressWarnings("rawtypes")
        private static final AtomicIntegerFieldUpdater<Reading> OPEN =
                AtomicIntegerFieldUpdater.newUpdater(Reading.class, "open");
        @SuppressWarnings("rawtypes")
        private static final AtomicIntegerFieldUpdater<Reading> ENDED =
                AtomicIntegerFieldUpdater.newUpdater(Reading.class, "ended");

        private final Function<? super Row, ? extends T> mapper;
        @Nullable
        private final CountedResult.Run run;
        /** Added to on the connection's thread only, read once every part has ended. */
        private final List<T> rows = new ArrayList<>();
        private Subscription results;
        @Nullable
        private volatile Subscription result;
        /** Parts not yet ended: the results themselves, and each result being read. */
        private volatile int open = 1;
        private volatile int ended;

        Reading(CoreSubscriber<? super List<T>> actual, Function<? super Row, ? extends T> mapper,
                @Nullable CountedResult.Run run) {
            super(actual);
            this.mapper = mapper;
            this.run = run;
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            if (Operators.validate(results, subscription)) {
                results = subscription;
                actual.onSubscribe(this);
                subscription.request(Long.MAX_VALUE);
            }
        }

        void failOnSubscribe(Throwable failure) {
            if (results == null) {
                actual.onSubscribe(this);
            }
            ended(failure);
        }

        @Override
        public void onNext(Result next) {
            if (ended != 0) {
                return;
            }
            OPEN.incrementAndGet(this);
            next.map((row, metadata) -> mapper.apply(row)).subscribe(new ResultRows());
        }

        @Override
        public void onError(Throwable failure) {
            failed(failure);
        }

        @Override
        public void onComplete() {
            partEnded();
        }

        @Override
        public void cancel() {
            super.cancel();
            cancelReads();
            if (ENDED.compareAndSet(this, 0, 1) && run != null) {
                run.closed();
            }
        }

        private void cancelReads() {
            if (results != null) {
                results.cancel();
            }
            Subscription reading = result;
            if (reading != null) {
                reading.cancel();
            }
        }

        private void partEnded() {
            if (OPEN.decrementAndGet(this) == 0) {
                ended(null);
            }
        }

        private void failed(Throwable failure) {
            if (ended != 0) {
                Operators.onErrorDropped(failure, actual.currentContext());
                return;
            }
            cancelReads();
            ended(failure);
        }

        /** Counted first, so that whoever waits on the statement finds it counted. */
        private void ended(@Nullable Throwable failure) {
            if (!ENDED.compareAndSet(this, 0, 1)) {
                return;
            }
            if (run != null) {
                if (failure != null) {
                    run.failed(failure);
                }
                run.closed();
            }
            if (failure != null) {
                actual.onError(failure);
            } else {
                complete(rows);
            }
        }

        /** One result's rows. */
        private final class ResultRows implements CoreSubscriber<T> {

            @Override
            public void onSubscribe(Subscription subscription) {
                result = subscription;
                if (ended != 0) {
                    subscription.cancel();
                } else {
                    subscription.request(Long.MAX_VALUE);
                }
            }

            @Override
            public void onNext(T row) {
                rows.add(row);
                if (run != null) {
                    run.addRows(1);
                }
            }

            @Override
            public void onError(Throwable failure) {
                failed(failure);
            }

            @Override
            public void onComplete() {
                partEnded();
            }
        }
    }
}
