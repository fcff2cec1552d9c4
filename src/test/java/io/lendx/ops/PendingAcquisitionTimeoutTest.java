package io.lendx.ops;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.R2dbcTimeoutException;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.publisher.Sinks;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When {@link PendingAcquisitionTimeout} arms its timer, and what it does when it fires. */
class PendingAcquisitionTimeoutTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final ManualTimer timer = new ManualTimer();
    private final AtomicInteger closed = new AtomicInteger();
    private final Connection connection = connection();
    private final AtomicReference<Connection> served = new AtomicReference<>();
    private final AtomicReference<Throwable> failed = new AtomicReference<>();

    @Test
    void aConnectionServedAtOnceArmsNoTimer() {
        subscribe(Mono.just(connection));

        assertSame(connection, served.get());
        assertTrue(timer.alarms.isEmpty(), "no timer for an acquisition that did not wait");
    }

    @Test
    void aWaitingAcquisitionIsServedAndItsTimerDisarmed() {
        Sinks.One<Connection> pool = Sinks.one();
        subscribe(pool.asMono());
        assertEquals(1, timer.alarms.size());
        assertEquals(TIMEOUT.toMillis(), timer.alarms.get(0).delayMillis);

        pool.tryEmitValue(connection);

        assertSame(connection, served.get());
        assertTrue(timer.alarms.get(0).disposed.get());
        assertNull(failed.get());
    }

    @Test
    void aWaitingAcquisitionFailsWhenTheTimerFiresAndIsCancelled() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Sinks.One<Connection> pool = Sinks.one();
        subscribe(pool.asMono().doOnCancel(() -> cancelled.set(true)));

        timer.fire();

        R2dbcTimeoutException timeout = assertInstanceOf(R2dbcTimeoutException.class, failed.get());
        assertEquals("Connection acquisition timed out after 3000ms", timeout.getMessage());
        assertInstanceOf(TimeoutException.class, timeout.getCause(), "what DATABASE_UNAVAILABLE is told by");
        assertTrue(cancelled.get(), "the pool is told the acquisition was given up");
        assertNull(served.get());
    }

    /** The pool was already handing it over when the acquisition was given up. */
    @Test
    void aConnectionServedAfterTheTimeoutGoesBackToThePool() {
        AtomicReference<Runnable> serveLate = new AtomicReference<>();
        Mono<Connection> pool = Mono.fromDirect(subscriber -> {
            subscriber.onSubscribe(Operators.emptySubscription());
            serveLate.set(() -> subscriber.onNext(connection));
        });
        subscribe(pool);

        timer.fire();
        serveLate.get().run();

        assertInstanceOf(R2dbcTimeoutException.class, failed.get());
        assertNull(served.get());
        assertEquals(1, closed.get(), "closing a pooled connection releases it");
    }

    private void subscribe(Mono<Connection> pool) {
        new PendingAcquisitionTimeout(pool, TIMEOUT, timer).subscribe(served::set, failed::set);
    }

    private Connection connection() {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("close")) {
                        return Mono.<Void>empty().doOnSubscribe(subscription -> closed.incrementAndGet());
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Alarms that ring when the test says so. */
    private static final class ManualTimer implements PendingAcquisitionTimeout.Alarms {

        private final List<Alarm> alarms = new ArrayList<>();

        private record Alarm(Runnable task, long delayMillis, AtomicBoolean disposed) implements Disposable {

            @Override
            public void dispose() {
                disposed.set(true);
            }

            @Override
            public boolean isDisposed() {
                return disposed.get();
            }
        }

        void fire() {
            assertEquals(1, alarms.size());
            alarms.get(0).task.run();
        }

        @Override
        public Disposable after(Runnable task, long delayMillis) {
            Alarm alarm = new Alarm(task, delayMillis, new AtomicBoolean());
            alarms.add(alarm);
            return alarm;
        }
    }
}
