package io.lendx.dbpool;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.pool.PooledRef;

import java.time.Duration;

/**
 * A connection taken from the pool: closing it gives it back, after rolling back a transaction
 * left open (a failed unit of work), so that the next borrower starts clean. Once given back it
 * refuses every use: the pool may already have handed it to someone else.
 */
final class BorrowedConnection implements Connection, Wrapped<Connection> {

    private final PooledRef<Connection> ref;
    private final Connection connection;
    private volatile boolean returned;

    BorrowedConnection(PooledRef<Connection> ref) {
        this.ref = ref;
        this.connection = ref.poolable();
    }

    @Override
    public Publisher<Void> close() {
        return Mono.defer(() -> {
            if (returned) {
                return Mono.empty();
            }
            returned = true;
            if (connection.isAutoCommit()) {
                return ref.release();
            }
            return Mono.from(connection.rollbackTransaction()).onErrorResume(failure -> Mono.empty()).then(ref.release());
        });
    }

    private Connection open() {
        if (returned) {
            throw new IllegalStateException("The connection has been given back to the pool");
        }
        return connection;
    }

    @Override
    public Statement createStatement(String sql) {
        return open().createStatement(sql);
    }

    @Override
    public Batch createBatch() {
        return open().createBatch();
    }

    @Override
    public Publisher<Void> beginTransaction() {
        return open().beginTransaction();
    }

    @Override
    public Publisher<Void> beginTransaction(TransactionDefinition definition) {
        return open().beginTransaction(definition);
    }

    @Override
    public Publisher<Void> commitTransaction() {
        return open().commitTransaction();
    }

    @Override
    public Publisher<Void> rollbackTransaction() {
        return open().rollbackTransaction();
    }

    @Override
    public Publisher<Void> createSavepoint(String name) {
        return open().createSavepoint(name);
    }

    @Override
    public Publisher<Void> releaseSavepoint(String name) {
        return open().releaseSavepoint(name);
    }

    @Override
    public Publisher<Void> rollbackTransactionToSavepoint(String name) {
        return open().rollbackTransactionToSavepoint(name);
    }

    @Override
    public boolean isAutoCommit() {
        return open().isAutoCommit();
    }

    @Override
    public Publisher<Void> setAutoCommit(boolean autoCommit) {
        return open().setAutoCommit(autoCommit);
    }

    @Override
    public ConnectionMetadata getMetadata() {
        return open().getMetadata();
    }

    @Override
    public IsolationLevel getTransactionIsolationLevel() {
        return open().getTransactionIsolationLevel();
    }

    @Override
    public Publisher<Void> setTransactionIsolationLevel(IsolationLevel level) {
        return open().setTransactionIsolationLevel(level);
    }

    @Override
    public Publisher<Void> setLockWaitTimeout(Duration timeout) {
        return open().setLockWaitTimeout(timeout);
    }

    @Override
    public Publisher<Void> setStatementTimeout(Duration timeout) {
        return open().setStatementTimeout(timeout);
    }

    @Override
    public Publisher<Boolean> validate(ValidationDepth depth) {
        return open().validate(depth);
    }

    @Override
    public Connection unwrap() {
        return connection;
    }
}
