package io.lendx.config;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;

/**
 * {@code java -jar lendx-api.jar db migrate|status|seed-sample|reset --force}: database chores
 * from the same jar and the same configuration ({@code DATABASE_URL}) as the service, without
 * starting it.
 */
public final class DatabaseCommands {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    private static final String USAGE_TEXT = "usage: db migrate | db status | db seed-sample | db reset --force";

    private DatabaseCommands() {
    }

    public static boolean isCommand(String[] args) {
        return args.length > 0 && "db".equals(args[0]);
    }

    /** Runs {@code args} ("db", command, flags...) and returns the process exit code. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, Clock clock) {
        if (args.length < 2) {
            out.println(USAGE_TEXT);
            return USAGE;
        }
        if (!DatabaseSettings.isExternalDatabaseConfigured(env)) {
            out.println("db commands act on the database named by DATABASE_URL; it is not set");
            return USAGE;
        }
        Map<String, Object> database;
        try {
            database = DatabaseSettings.fromEnvironment(env);
        } catch (InvalidSettingException e) {
            out.println(e.getMessage());
            return USAGE;
        }
        String url = (String) database.get("flyway.datasources.default.url");
        String user = (String) database.get("flyway.datasources.default.user");
        String password = (String) database.get("flyway.datasources.default.password");
        boolean force = Arrays.asList(args).contains("--force");
        try {
            return switch (args[1]) {
                case "migrate" -> migrate(flyway(url, user, password, false), out);
                case "status" -> status(flyway(url, user, password, false), out);
                case "seed-sample" -> seed(url, user, password, out, clock);
                case "reset" -> force ? reset(flyway(url, user, password, true), out) : refuseReset(out);
                default -> {
                    out.println(USAGE_TEXT);
                    yield USAGE;
                }
            };
        } catch (RuntimeException | SQLException e) {
            out.println("db " + args[1] + " failed: " + e.getMessage());
            return FAILED;
        }
    }

    private static Flyway flyway(String url, String user, String password, boolean cleanable) {
        return Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                .cleanDisabled(!cleanable)
                .load();
    }

    private static int migrate(Flyway flyway, PrintStream out) {
        MigrateResult result = flyway.migrate();
        out.println("Applied " + result.migrationsExecuted + " migration(s); schema version "
                + (result.targetSchemaVersion == null ? flyway.info().current().getVersion() : result.targetSchemaVersion));
        return OK;
    }

    private static int status(Flyway flyway, PrintStream out) {
        for (MigrationInfo migration : flyway.info().all()) {
            out.println(migration.getVersion() + "  " + migration.getState().getDisplayName() + "  "
                    + migration.getDescription());
        }
        MigrationInfo current = flyway.info().current();
        out.println("Current version: " + (current == null ? "none" : current.getVersion()));
        return OK;
    }

    private static int seed(String url, String user, String password, PrintStream out, Clock clock)
            throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            try (ResultSet users = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM users)")) {
                users.next();
                if (users.getBoolean(1)) {
                    out.println("The database already has users; the sample marketplace was not loaded");
                    return FAILED;
                }
            }
            statement.execute(SampleMarketplace.script(clock.instant()));
            out.println("Loaded the sample marketplace");
            return OK;
        }
    }

    private static int reset(Flyway flyway, PrintStream out) {
        flyway.clean();
        out.println("Dropped every object of the schema");
        return migrate(flyway, out);
    }

    private static int refuseReset(PrintStream out) {
        out.println("db reset drops ALL data of the database named by DATABASE_URL; run it as 'db reset --force'");
        return USAGE;
    }
}
