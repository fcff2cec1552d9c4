package io.lendx.monitoring;

import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * Times a statement from the moment it is sent to the moment its results are read to the end
 * (or abandoned), and counts the rows read. Binding is the driver's own statement's.
 */
final class ProfiledStatement implements Statement, Wrapped<Statement> {

    private final Statement delegate;
    private final String sql;
    private final ProfiledConnection connection;

    ProfiledStatement(Statement delegate, String sql, ProfiledConnection connection) {
        this.delegate = delegate;
        this.sql = sql;
        this.connection = connection;
    }

    @Override
    public Publisher<? extends Result> execute() {
        return Flux.defer(() -> newRun().executing(delegate.execute()));
    }

    /** One execution of this statement, timed from now, reported to its connection when done. */
    CountedResult.Run newRun() {
        return new CountedResult.Run(sql, System.nanoTime(), connection::finished);
    }

    @Override
    public Statement add() {
        delegate.add();
        return this;
    }

    @Override
    public Statement bind(int index, Object value) {
        delegate.bind(index, value);
        return this;
    }

    @Override
    public Statement bind(String name, Object value) {
        delegate.bind(name, value);
        return this;
    }

    @Override
    public Statement bindNull(int index, Class<?> type) {
        delegate.bindNull(index, type);
        return this;
    }

    @Override
    public Statement bindNull(String name, Class<?> type) {
        delegate.bindNull(name, type);
        return this;
    }

    @Override
    public Statement returnGeneratedValues(String... columns) {
        delegate.returnGeneratedValues(columns);
        return this;
    }

    @Override
    public Statement fetchSize(int rows) {
        delegate.fetchSize(rows);
        return this;
    }

    @Override
    public Statement unwrap() {
        return delegate;
    }
}
