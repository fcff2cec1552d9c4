package io.lendx.support;

import io.lendx.config.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place tests get a real PostgreSQL: the server named by {@code LENDX_TEST_DATABASE_URL}
 * if set, else a Testcontainers container where Docker runs, else an embedded server. The server
 * is shared by the whole test JVM; every test class gets a database of its own, so counts and
 * listings in one class never see another's rows.
 */
public final class TestDatabase {

    public static final String URL_VARIABLE = "LENDX_TEST_DATABASE_URL";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Server server;

    private record Server(String host, int port, String user, String password, String adminDatabase) {

        String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        String r2dbcUrl(String database) {
            return "r2dbc:pool:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    private TestDatabase() {
    }

    /** Creates an empty database and returns the properties that point the application at it. */
    public static synchronized Map<String, Object> newDatabase() {
        Server s = server();
        String database = "lendx_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection admin = DriverManager.getConnection(s.jdbcUrl(s.adminDatabase()), s.user(), s.password());
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test database " + database, e);
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("r2dbc.datasources.default.url", s.r2dbcUrl(database));
        properties.put("r2dbc.datasources.default.username", s.user());
        properties.put("r2dbc.datasources.default.password", s.password());
        properties.put("flyway.datasources.default.url", s.jdbcUrl(database));
        properties.put("flyway.datasources.default.user", s.user());
        properties.put("flyway.datasources.default.password", s.password());
        return properties;
    }

    /** A JDBC connection to the database the properties name, for constraint tests. */
    public static Connection connect(Map<String, Object> properties) throws SQLException {
        return DriverManager.getConnection((String) properties.get("flyway.datasources.default.url"),
                (String) properties.get("flyway.datasources.default.user"),
                (String) properties.get("flyway.datasources.default.password"));
    }

    private static Server server() {
        if (server == null) {
            server = start();
        }
        return server;
    }

    private static Server start() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            return fromUrl(url);
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:16-alpine");
            container.start();
            return new Server(container.getHost(), container.getFirstMappedPort(), container.getUsername(),
                    container.getPassword(), container.getDatabaseName());
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            return new Server("localhost", embedded.getPort(), "postgres", "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL for tests", e);
        }
    }

    private static Server fromUrl(String url) {
        Map<String, Object> properties = DatabaseSettings.fromDatabaseUrl(url);
        URI jdbc = URI.create(((String) properties.get("flyway.datasources.default.url")).substring("jdbc:".length()));
        return new Server(jdbc.getHost(), jdbc.getPort() > 0 ? jdbc.getPort() : 5432,
                (String) properties.getOrDefault("flyway.datasources.default.user", "postgres"),
                (String) properties.getOrDefault("flyway.datasources.default.password", ""),
                jdbc.getPath().substring(1));
    }
}
