package io.lendx.monitoring;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunPartTest {

    private final List<ExecutedStatement> finished = new ArrayList<>();
    private final CountedResult.Run run = new CountedResult.Run("SELECT 1", System.nanoTime(), finished::add);

    @Test
    void aStatementIsDoneWhenItsExecutionAndEveryResultReadHaveEnded() {
        Sinks.Empty<Object> execution = executionUnderWay();

        List<String> rows = run.reading(Flux.just("a", "b", "c"), RunPart.Counting.ITEMS).collectList().block();
        assertEquals(List.of("a", "b", "c"), rows);
        assertTrue(finished.isEmpty(), "the execution has not ended yet");

        execution.tryEmitEmpty();
        assertEquals(1, finished.size());
        assertEquals(3, finished.get(0).rows());
        assertNull(finished.get(0).failure());
    }

    @Test
    void changedRowCountsAddTheirValues() {
        Sinks.Empty<Object> execution = executionUnderWay();
        run.reading(Flux.just(2L, 3L), RunPart.Counting.VALUES).blockLast();
        execution.tryEmitEmpty();

        assertEquals(5, finished.get(0).rows());
    }

    @Test
    void aFailureIsKeptWithTheStatement() {
        Sinks.Empty<Object> execution = executionUnderWay();
        IllegalStateException broken = new IllegalStateException("connection lost");
        run.reading(Flux.error(broken), RunPart.Counting.ITEMS).onErrorComplete().blockLast();
        execution.tryEmitEmpty();

        assertSame(broken, finished.get(0).failure());
    }

    @Test
    void aCancelledReadEndsItsPartOnceEvenIfItsSourceCompletesAfterwards() {
        Sinks.Empty<Object> execution = executionUnderWay();
        AtomicReference<Subscriber<? super String>> reader = new AtomicReference<>();
        Publisher<String> completesAfterCancel = subscriber -> {
            reader.set(subscriber);
            subscriber.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
        };
        Disposable reading = run.reading(completesAfterCancel, RunPart.Counting.ITEMS).subscribe();
        reading.dispose();
        reader.get().onComplete();
        assertTrue(finished.isEmpty(), "the execution has not ended yet");

        execution.tryEmitEmpty();
        assertEquals(1, finished.size());
    }

    @Test
    void theRunIsCountedBeforeItsLastSignalGoesOn() {
        AtomicReference<Integer> seenOnCompletion = new AtomicReference<>();
        new RunPart<>(Flux.just(1), run, RunPart.Counting.ITEMS)
                .doOnComplete(() -> seenOnCompletion.set(finished.size()))
                .blockLast();

        assertEquals(1, seenOnCompletion.get());
        assertEquals(1, finished.get(0).rows());
    }

    /** A statement's execution, subscribed and not yet ended: its results are read meanwhile. */
    private Sinks.Empty<Object> executionUnderWay() {
        Sinks.Empty<Object> execution = Sinks.empty();
        new RunPart<>(execution.asMono(), run, RunPart.Counting.NONE).subscribe();
        return execution;
    }
}
