package io.lendx.support;

import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Base of every test that needs the database: a fresh database per test class, migrated by
 * the application's own Flyway at start-up. Reactive transactions cannot roll back per test,
 * so tests isolate themselves by creating their own rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DatabaseTest implements TestPropertyProvider {

    private Map<String, Object> database;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        database().forEach((key, value) -> properties.put(key, String.valueOf(value)));
        return properties;
    }

    /** The single number a SQL query over this class's database returns, e.g. a count(*). */
    protected long count(String sql, Object... parameters) {
        return query(sql, parameters, result -> {
            result.next();
            return result.getLong(1);
        });
    }

    /** The single decimal a SQL query over this class's database returns, e.g. a sum(…); null for NULL. */
    protected BigDecimal decimal(String sql, Object... parameters) {
        return query(sql, parameters, result -> {
            result.next();
            return result.getBigDecimal(1);
        });
    }

    /** The first column of every row a SQL query over this class's database returns. */
    protected List<String> strings(String sql, Object... parameters) {
        return query(sql, parameters, result -> {
            List<String> values = new ArrayList<>();
            while (result.next()) {
                values.add(result.getString(1));
            }
            return values;
        });
    }

    /** Runs a write over this class's database in a transaction of its own, as psql or an indexer would. */
    protected void execute(String sql) throws SQLException {
        try (Connection connection = TestDatabase.connect(database());
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @FunctionalInterface
    private interface ResultReader<T> {
        T read(ResultSet result) throws SQLException;
    }

    private <T> T query(String sql, Object[] parameters, ResultReader<T> reader) {
        try (Connection connection = TestDatabase.connect(database());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                return reader.read(result);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run " + sql, e);
        }
    }

    /** Runs {@code call} while another transaction holds an exclusive lock on {@code table}, then lets go. */
    protected <T> T whileLocked(String table, Supplier<T> call) {
        return whileHolding("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE", call);
    }

    /**
     * Runs {@code call} while another transaction holds the locks {@code lockingSql} takes (say,
     * a {@code SELECT ... FOR UPDATE} of one row), then rolls that transaction back.
     */
    protected <T> T whileHolding(String lockingSql, Supplier<T> call, Object... parameters) {
        try (Connection lock = TestDatabase.connect(database())) {
            lock.setAutoCommit(false);
            try (PreparedStatement statement = lock.prepareStatement(lockingSql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                statement.execute();
            }
            try {
                return call.get();
            } finally {
                lock.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run " + lockingSql, e);
        }
    }

    protected Map<String, Object> database() {
        if (database == null) {
            database = TestDatabase.newDatabase();
        }
        return database;
    }
}
