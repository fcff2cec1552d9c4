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
        return page.items().stream().map(item -> new Edge<>(page, item)).toList();
    }

    public List<T> getNodes() {
        return page.items();
    }

    public PageInfo<T> getPageInfo() {
        return new PageInfo<>(page);
    }

    /** Asked once, however often it is read: a read may be repeated, the query must not be. */
    public synchronized CompletableFuture<Integer> getTotalCount() {
        if (count == null) {
            count = totalCount.get().thenApply(Math::toIntExact);
        }
        return count;
    }

    /** A node and its cursor, encoded only if a client selects it (a page of 20 mostly asks for nodes). */
    public static final class Edge<T> {
        private final Page<T> page;
        private final T node;

        Edge(Page<T> page, T node) {
            this.page = page;
            this.node = node;
        }

        public String getCursor() {
            return page.cursorOf().apply(node);
        }

        public T getNode() {
            return node;
        }
    }

    /** Relay's PageInfo; each cursor encoded only if a client selects it (most ask for endCursor alone). */
    public static final class PageInfo<T> {
        private final Page<T> page;

        PageInfo(Page<T> page) {
            this.page = page;
        }

        public boolean getHasNextPage() {
            return page.hasNextPage();
        }

        public boolean getHasPreviousPage() {
            return page.hasPreviousPage();
        }

        public String getStartCursor() {
            return cursorAt(0);
        }

        public String getEndCursor() {
            return cursorAt(page.items().size() - 1);
        }

        /** The cursor of the item at {@code index}; null on an empty page. */
        private String cursorAt(int index) {
            return page.items().isEmpty() ? null : page.cursorOf().apply(page.items().get(index));
        }
    }
}
