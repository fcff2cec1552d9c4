package io.lendx.graphql;

import io.lendx.paging.Page;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A Relay connection over one keyset page. {@code totalCount} costs a query of its own, so it
 * runs only when a client selects it.
 */
public final class Connection<T> {

    private final Page<T> page;
    private final Supplier<CompletableFuture<Long>> totalCount;
    private CompletableFuture<Integer> count;

    public Connection(Page<T> page, Supplier<CompletableFuture<Long>> totalCount) {
        this.page = page;
        this.totalCount = totalCount;
    }

    public List<Edge<T>> getEdges() {
        return page.items().stream().map(item -> new Edge<>(page.cursorOf().apply(item), item)).toList();
    }

    public List<T> getNodes() {
        return page.items();
    }

    public PageInfo getPageInfo() {
        List<T> items = page.items();
        return new PageInfo(page.hasNextPage(), page.hasPreviousPage(),
                items.isEmpty() ? null : page.cursorOf().apply(items.get(0)),
                items.isEmpty() ? null : page.cursorOf().apply(items.get(items.size() - 1)));
    }

    /** Asked once, however often it is read: a read may be repeated, the query must not be. */
    public synchronized CompletableFuture<Integer> getTotalCount() {
        if (count == null) {
            count = totalCount.get().thenApply(Math::toIntExact);
        }
        return count;
    }

    public record Edge<T>(String cursor, T node) {
    }

    public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
    }
}
