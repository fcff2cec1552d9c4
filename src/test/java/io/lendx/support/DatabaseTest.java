package io.lendx.support;

import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

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

    protected Map<String, Object> database() {
        if (database == null) {
            database = TestDatabase.newDatabase();
        }
        return database;
    }
}
