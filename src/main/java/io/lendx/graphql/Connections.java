package io.lendx.graphql;

import io.lendx.paging.Page;
import reactor.core.publisher.Mono;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Root connections: one page query, and a count query only when {@code totalCount} is selected. */
public final class Connections {

    private Connections() {
    }

    public static <T> CompletableFuture<Connection<T>> of(Mono<Page<T>> page, Supplier<Mono<Long>> totalCount) {
        return page.map(p -> new Connection<>(p, () -> totalCount.get().toFuture())).toFuture();
    }
}
