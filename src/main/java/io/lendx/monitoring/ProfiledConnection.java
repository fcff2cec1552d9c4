package io.lendx.monitoring;

import io.micronaut.core.annotation.Nullable;
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

import java.time.Duration;

/**
 * A request's connection: its statements are counted and timed ({@link ProfiledStatement}), its
 * transactions reported to the observer; everything else is the pool's connection's own.
 */
final class ProfiledConnection implements Connection, Wrapped<Connection> {

    private final Connection delegate;
    private final RequestProfile profile;
    @Nullable
    private final StatementObserver observer;
    @Nullable
    private final Object observed;

    ProfiledConnection(Connection delegate, RequestProfile profile, @Nullable StatementObserver observer,
                       @Nullable Object observed) {
        this.delegate = delegate;
        this.profile = profile;
        this.observer = observer;
        this.observed = observed;
    }

    @Override
    public Statement createStatement(String sql) {
        return new ProfiledStatement(delegate.createStatement(sql), sql, this);
    }

    void finished(ExecutedStatement statement) {
        profile.statementDone(statement.nanos());
        if (observer != null) {
            observer.executed(observed, statement);
        }
    }

    @Override
    public Publisher<Void> beginTransaction() {
        return began(delegate.beginTransaction());
    }

    @Override
    public Publisher<Void> beginTransaction(TransactionDefinition definition) {
        return began(delegate.beginTransaction(definition));
    }

    @Override
    public Publisher<Void> commitTransaction() {
        return ended(delegate.commitTransaction(), true);
    }

    @Override
    public Publisher<Void> rollbackTransaction() {
        return ended(delegate.rollbackTransaction(), false);
    }

    private Publisher<Void> began(Publisher<Void> begin) {
        if (observer == null) {
            return begin;
        }
        return Mono.from(begin).doOnSuccess(done -> observer.transactionBegan(observed));
    }

    private Publisher<Void> ended(Publisher<Void> end, boolean commit) {
        if (observer == null) {
            return end;
        }
        return Mono.from(end)
                .doOnSuccess(done -> observer.transactionEnded(observed, commit, null))
                .doOnError(failure -> observer.transactionEnded(observed, false, failure));
    }

    @Override
    public Batch createBatch() {
        return delegate.createBatch();
    }

    @Override
    public Publisher<Void> close() {
        return delegate.close();
    }

    @Override
    public Publisher<Void> createSavepoint(String name) {
        return delegate.createSavepoint(name);
    }

    @Override
    public Publisher<Void> releaseSavepoint(String name) {
        return delegate.releaseSavepoint(name);
    }

    @Override
    public Publisher<Void> rollbackTransactionToSavepoint(String name) {
        return delegate.rollbackTransactionToSavepoint(name);
    }

    @Override
    public boolean isAutoCommit() {
        return delegate.isAutoCommit();
    }

    @Override
    public Publisher<Void> setAutoCommit(boolean autoCommit) {
        return delegate.setAutoCommit(autoCommit);
    }

    @Override
    public ConnectionMetadata getMetadata() {
        return delegate.getMetadata();
    }

    @Override
    public IsolationLevel getTransactionIsolationLevel() {
        return delegate.getTransactionIsolationLevel();
    }

    @Override
    public Publisher<Void> setTransactionIsolationLevel(IsolationLevel level) {
        return delegate.setTransactionIsolationLevel(level);
    }

    @Override
    public Publisher<Void> setLockWaitTimeout(Duration timeout) {
        return delegate.setLockWaitTimeout(timeout);
    }

    @Override
    public Publisher<Void> setStatementTimeout(Duration timeout) {
        return delegate.setStatementTimeout(timeout);
    }

    @Override
    public Publisher<Boolean> validate(ValidationDepth depth) {
        return delegate.validate(depth);
    }

    @Override
    public Connection unwrap() {
        return delegate;
    }
}
