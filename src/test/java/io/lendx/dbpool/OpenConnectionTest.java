package io.lendx.dbpool;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ValidationDepth;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.lang.reflect.Proxy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the pool reads a driver's local validation, whichever way the driver gives it. */
class OpenConnectionTest {

    private static Connection validatingWith(Publisher<Boolean> answer) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("validate") && arguments[0] == ValidationDepth.LOCAL) {
                        return answer;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void anAnswerGivenByASupplierIsCalledDirectly() {
        assertTrue(ReactorConnectionPool.open(validatingWith(Mono.fromSupplier(() -> true))));
        assertFalse(ReactorConnectionPool.open(validatingWith(Mono.fromSupplier(() -> false))));
        assertFalse(ReactorConnectionPool.open(validatingWith(Mono.fromSupplier(() -> {
            throw new IllegalStateException("closed");
        }))));
    }

    @Test
    void anyOtherAnswerIsSubscribedToAndOneNotGivenAtOnceCountsAsOpen() {
        assertTrue(ReactorConnectionPool.open(validatingWith(Mono.just(true).hide())));
        assertFalse(ReactorConnectionPool.open(validatingWith(Mono.just(false).hide())));
        assertFalse(ReactorConnectionPool.open(validatingWith(Mono.<Boolean>error(new IllegalStateException()).hide())));
        assertTrue(ReactorConnectionPool.open(validatingWith(Mono.never())));
    }
}
