package io.lendx.config;

import io.lendx.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java -jar lendx-api.jar db ...} against a fresh database of its own per test. */
class DatabaseCommandsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    private static final List<String> TABLES = List.of("api_keys", "applications", "audit_events", "idempotency_keys",
            "loans", "pools", "sign_in_challenges", "user_mpt_balances", "users");

    /** What a command printed and the exit code it returned. */
    private record Outcome(int exitCode, String output) {
    }

    @Test
    void statusListsThePendingMigrationsOfAnEmptyDatabase() throws SQLException {
        Map<String, Object> database = TestDatabase.newDatabase();

        Outcome status = db(database, "status");

        assertEquals(0, status.exitCode(), status.output());
        assertEquals("""
                1  Pending  create marketplace
                2  Pending  api keys and idempotency
                3  Pending  audit log
                4  Pending  audit replays
                5  Pending  sign in challenges
                6  Pending  audit retention
                7  Pending  audit client networks
                8  Pending  table change notices
                Current version: none
                """, status.output());
        assertEquals(List.of(), tables(database), "status changes nothing");
    }

    @Test
    void migrateCreatesTheTablesAndIsThenANoOp() throws SQLException {
        Map<String, Object> database = TestDatabase.newDatabase();

        Outcome migrate = db(database, "migrate");

        assertEquals(0, migrate.exitCode(), migrate.output());
        assertEquals("Applied 8 migration(s); schema version 8\n", migrate.output());
        assertEquals(TABLES, tables(database));
        Outcome status = db(database, "status");
        assertEquals(0, status.exitCode());
        assertEquals("""
                1  Success  create marketplace
                2  Success  api keys and idempotency
                3  Success  audit log
                4  Success  audit replays
                5  Success  sign in challenges
                6  Success  audit retention
                7  Success  audit client networks
                8  Success  table change notices
                Current version: 8
                """, status.output());

        Outcome again = db(database, "migrate");
        assertEquals(0, again.exitCode(), again.output());
        assertEquals("Applied 0 migration(s); schema version 8\n", again.output());
    }

    @Test
    void seedSampleLoadsTheMarketplaceOnceOnly() throws SQLException {
        Map<String, Object> database = TestDatabase.newDatabase();
        assertEquals(0, db(database, "migrate").exitCode());

        Outcome seed = db(database, "seed-sample");

        assertEquals(0, seed.exitCode(), seed.output());
        assertEquals("Loaded the sample marketplace\n", seed.output());
        assertEquals(12, count(database, "users"));
        assertEquals(5, count(database, "pools"));
        assertEquals(1, count(database, "users WHERE created_at = TIMESTAMPTZ '2026-03-01T12:00:00Z' - INTERVAL '120 days'"),
                "dates are relative to the clock");

        Outcome again = db(database, "seed-sample");

        assertEquals(1, again.exitCode(), again.output());
        assertEquals("The database already has users; the sample marketplace was not loaded\n", again.output());
        assertEquals(12, count(database, "users"));
        assertEquals(5, count(database, "pools"));
    }

    @Test
    void seedSampleOnAnUnmigratedDatabaseFails() throws SQLException {
        Map<String, Object> database = TestDatabase.newDatabase();

        Outcome seed = db(database, "seed-sample");

        assertEquals(1, seed.exitCode(), seed.output());
        assertTrue(seed.output().startsWith("db seed-sample failed: "), seed.output());
        assertEquals(List.of(), tables(database));
    }

    @Test
    void resetWithoutForceRefusesAndKeepsTheData() throws SQLException {
        Map<String, Object> database = TestDatabase.newDatabase();
        assertEquals(0, db(database, "migrate").exitCode());
        assertEquals(0, db(database, "seed-sample").exitCode());

        Outcome reset = db(database, "reset");

        assertEquals(2, reset.exitCode(), reset.output());
        assertEquals("db reset drops ALL data of the database named by DATABASE_URL; run it as 'db reset --force'\n",
                reset.output());
        assertEquals(12, count(database, "users"));
        assertEquals(TABLES, tables(database));
    }

    @Test
    void resetWithForceLeavesAnEmptyMigratedSchema() throws SQLException {
        Map<String, Object> database = TestDatabase.newDatabase();
        assertEquals(0, db(database, "migrate").exitCode());
        assertEquals(0, db(database, "seed-sample").exitCode());

        Outcome reset = db(database, "reset", "--force");

        assertEquals(0, reset.exitCode(), reset.output());
        assertEquals("Dropped every object of the schema\nApplied 8 migration(s); schema version 8\n", reset.output());
        assertEquals(TABLES, tables(database));
        for (String table : TABLES) {
            assertEquals(0, count(database, table), table);
        }
        assertEquals(8, count(database, "flyway_schema_history WHERE success"));
        assertEquals(0, db(database, "seed-sample").exitCode(), "the reset database takes the sample again");
    }

    @Test
    void resetWithForceMigratesAnEmptyDatabaseToo() throws SQLException {
        Map<String, Object> database = TestDatabase.newDatabase();

        Outcome reset = db(database, "reset", "--force");

        assertEquals(0, reset.exitCode(), reset.output());
        assertEquals(TABLES, tables(database));
    }

    @Test
    void withoutDatabaseUrlNothingRuns() {
        for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of("DATABASE_URL", "  "))) {
            Outcome outcome = run(env, "db", "migrate");
            assertEquals(2, outcome.exitCode(), outcome.output());
            assertEquals("db commands act on the database named by DATABASE_URL; it is not set\n", outcome.output());
        }
    }

    @Test
    void anInvalidDatabaseUrlIsAUsageErrorThatHidesThePassword() {
        Outcome outcome = run(Map.of("DATABASE_URL", "mysql://app:topsecret@localhost/lendx"), "db", "status");

        assertEquals(2, outcome.exitCode(), outcome.output());
        assertTrue(outcome.output().startsWith("DATABASE_URL is invalid: "), outcome.output());
        assertFalse(outcome.output().contains("topsecret"), outcome.output());
    }

    @Test
    void anUnknownOrMissingCommandPrintsTheUsage() {
        Map<String, String> env = Map.of("DATABASE_URL", "postgres://postgres:postgres@localhost:1/none");
        String usage = "usage: db migrate | db status | db seed-sample | db reset --force\n";
        for (String[] args : new String[][]{{"db", "drop"}, {"db", "--force"}, {"db"}}) {
            Outcome outcome = run(env, args);
            assertEquals(2, outcome.exitCode(), String.join(" ", args));
            assertEquals(usage, outcome.output(), String.join(" ", args));
        }
    }

    @Test
    void anUnreachableDatabaseFailsWithExitCodeOne() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Outcome outcome = run(Map.of("DATABASE_URL", "postgres://postgres:pw@localhost:" + closedPort + "/lendx"),
                "db", "status");

        assertEquals(1, outcome.exitCode(), outcome.output());
        assertTrue(outcome.output().startsWith("db status failed: "), outcome.output());
        assertFalse(outcome.output().contains("pw@"), outcome.output());
    }

    @Test
    void onlyTheDbWordMakesACommand() {
        assertTrue(DatabaseCommands.isCommand(new String[]{"db", "migrate"}));
        assertFalse(DatabaseCommands.isCommand(new String[]{}));
        assertFalse(DatabaseCommands.isCommand(new String[]{"migrate"}));
        assertFalse(DatabaseCommands.isCommand(new String[]{"-Dmicronaut.server.port=9000"}));
    }

    private static Outcome db(Map<String, Object> database, String... command) {
        String[] args = new String[command.length + 1];
        args[0] = "db";
        System.arraycopy(command, 0, args, 1, command.length);
        return run(Map.of("DATABASE_URL", databaseUrl(database)), args);
    }

    private static Outcome run(Map<String, String> env, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exitCode = DatabaseCommands.run(args, env, out, CLOCK);
        return new Outcome(exitCode, bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }

    /** postgres://user:password@host:port/db for a test database's properties. */
    private static String databaseUrl(Map<String, Object> database) {
        URI jdbc = URI.create(((String) database.get("flyway.datasources.default.url")).substring("jdbc:".length()));
        String user = URLEncoder.encode((String) database.get("flyway.datasources.default.user"), StandardCharsets.UTF_8);
        String password = URLEncoder.encode((String) database.get("flyway.datasources.default.password"),
                StandardCharsets.UTF_8);
        return "postgres://" + user + ":" + password + "@" + jdbc.getHost() + ":" + jdbc.getPort() + jdbc.getPath();
    }

    private static List<String> tables(Map<String, Object> database) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = TestDatabase.connect(database);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables "
                     + "WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history' ORDER BY table_name")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    private static long count(Map<String, Object> database, String from) throws SQLException {
        try (Connection connection = TestDatabase.connect(database);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + from)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
