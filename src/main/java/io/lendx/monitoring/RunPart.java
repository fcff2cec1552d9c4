package io.lendx.monitoring;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One part of a statement's {@link CountedResult.Run}: the execution, or one result being read.
 * Passes every signal on unchanged, counts what it is told to, and closes its part of the run
 * once, as its last signal (completion, failure or cancellation) arrives and before that signal
 * goes on, so that whoever waits on the statement finds it counted. One operator where there
 * were four peeks and a lambda per result (about 2 KiB less per three-statement request,
 * bench/README, sixth session).
 */
final class RunPart<T> extends Flux<T> {

    /** What the items passing through add to the run's rows. */
    enum Counting {
        /** Nothing: results, or items a caller counts itself. */
        NONE,
        /** One row each: mapped rows. */
        ITEMS,
        /** Their value: changed-row counts. */
        VALUES
    }

    private final Publisher<? extends T> source;
    private final CountedResult.Run run;
    private final Counting counting;

    RunPart(Publisher<? extends T> source, CountedResult.Run run, Counting counting) {
        this.source = source;
        this.run = run;
        this.counting = counting;
    }

    /** Each part is open from its subscription to its last signal. */
    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        run.opened();
        source.subscribe(new Part<>(actual, run, counting));
    }

    private static final class Part<T> implements CoreSubscriber<T>, Subscription {

        @SuppressWarnings("rawtypes")
        private static final AtomicIntegerFieldUpdater<Part> ENDED =
                AtomicIntegerFieldUpdater.newUpdater(Part.class, "ended");

        private final CoreSubscriber<? super T> actual;
        private final CountedResult.Run run;
        private final Counting counting;
        private Subscription upstream;
        private volatile int ended;

        Part(CoreSubscriber<? super T> actual, CountedResult.Run run, Counting counting) {
            this.actual = actual;
            this.run = run;
            this.counting = counting;
        }

        @Override
        public Context currentContext() {
            return actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            if (Operators.validate(upstream, subscription)) {
                upstream = subscription;
                actual.onSubscribe(this);
            }
        }

        @Override
        public void onNext(T item) {
            if (counting == Counting.ITEMS) {
                run.addRows(1);
            } else if (counting == Counting.VALUES && item instanceof Number changed) {
                run.addRows(changed.longValue());
            }
            actual.onNext(item);
        }

        @Override
        public void onError(Throwable failure) {
            run.failed(failure);
            end();
            actual.onError(failure);
        }

        @Override
        public void onComplete() {
            end();
            actual.onComplete();
        }

        @Override
        public void request(long n) {
            upstream.request(n);
        }

        @Override
        public void cancel() {
            end();
            upstream.cancel();
        }

        private void end() {
            if (ENDED.compareAndSet(this, 0, 1)) {
                run.closed();
            }
        }
    }
}
