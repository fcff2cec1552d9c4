package io.lendx.graphql;

import graphql.schema.DataFetchingEnvironment;
import io.lendx.paging.Page;
import reactor.core.publisher.Mono;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Root connections: one page query, and a count query only when {@code totalCount} is selected. */
public final class Connections {

    private Connections() {
    }

    /**
     * The count completes on an R2DBC thread, like the page; it is moved back onto the request's
     * work queue so that the request's DataLoaders still see all of its work.
     */
    public static <T> CompletableFuture<Connection<T>> of(DataFetchingEnvironment env, Mono<Page<T>> page,
                                                          Supplier<Mono<Long>> totalCount) {
        Continuations work = Continuations.of(env);
        return page.map(p -> new Connection<>(p, () -> work.continueHere(totalCount.get().toFuture())))
                .toFuture();
    }
}
