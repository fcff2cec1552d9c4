package io.lendx.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL 15 primary and a streaming replica of it ({@code pg_basebackup -R -X stream}) on
 * loopback, from the machine's server binaries ({@code .ci/run} installs them), run as the
 * {@code postgres} OS user when the tests run as root. The replica applies commits only after
 * {@code applyDelay} ({@code recovery_min_apply_delay}), which plays a replica that lags.
 */
public final class StreamingReplica implements AutoCloseable {

    private static final Path BIN = Path.of(System.getenv().getOrDefault("LENDX_TEST_PG_BIN",
            "/usr/lib/postgresql/15/bin"));
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path base;
    private final int primaryPort = freePort();
    private final int replicaPort = freePort();

    private StreamingReplica(Path base) {
        this.base = base;
    }

    public static StreamingReplica start(Duration applyDelay) {
        try {
            Path base = Files.createTempDirectory("lendx-replica");
            StreamingReplica servers = new StreamingReplica(base);
            if (ROOT) {
                servers.run("chown", "postgres", base.toString());
            }
            servers.asPostgres(BIN.resolve("initdb").toString(), "-D", servers.primary().toString(), "-U", "postgres",
                    "--auth=trust", "--encoding=UTF8", "--locale=C");
            servers.append(servers.primary(), "listen_addresses = '127.0.0.1'", "port = " + servers.primaryPort,
                    "unix_socket_directories = '" + base + "'", "wal_level = replica", "max_wal_senders = 4",
                    "max_connections = 60");
            servers.pgCtl(servers.primary(), "start");
            servers.asPostgres(BIN.resolve("pg_basebackup").toString(), "-h", "127.0.0.1",
                    "-p", String.valueOf(servers.primaryPort), "-U", "postgres", "-D", servers.replica().toString(),
                    "-R", "-X", "stream");
            servers.append(servers.replica(), "port = " + servers.replicaPort, "hot_standby = on",
                    "recovery_min_apply_delay = '" + applyDelay.toMillis() + "ms'");
            servers.startReplica();
            return servers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The application's settings for this pair: the primary as its database, the replica for its queries. */
    public Map<String, String> applicationProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("r2dbc.datasources.default.url", "r2dbc:pool:postgresql://127.0.0.1:" + primaryPort + "/postgres");
        properties.put("r2dbc.datasources.default.username", "postgres");
        properties.put("flyway.datasources.default.url", "jdbc:postgresql://127.0.0.1:" + primaryPort + "/postgres");
        properties.put("flyway.datasources.default.user", "postgres");
        properties.put("lendx.db.replica.url", "postgres://postgres@127.0.0.1:" + replicaPort + "/postgres");
        return properties;
    }

    public void stopReplica() {
        pgCtl(replica(), "stop", "-m", "fast");
    }

    public void startReplica() {
        pgCtl(replica(), "start");
    }

    @Override
    public void close() {
        try {
            pgCtl(replica(), "stop", "-m", "immediate");
        } catch (IllegalStateException alreadyStopped) {
            // Stopped by the test.
        }
        pgCtl(primary(), "stop", "-m", "immediate");
        run("rm", "-rf", base.toString());
    }

    private Path primary() {
        return base.resolve("primary");
    }

    private Path replica() {
        return base.resolve("replica");
    }

    private void append(Path dataDirectory, String... settings) throws IOException {
        Files.write(dataDirectory.resolve("postgresql.auto.conf"), List.of(settings), StandardOpenOption.APPEND);
    }

    private void pgCtl(Path dataDirectory, String command, String... options) {
        List<String> arguments = new ArrayList<>(List.of(BIN.resolve("pg_ctl").toString(), "-D",
                dataDirectory.toString(), "-l", dataDirectory + ".log", "-w", "-t", "60", command));
        arguments.addAll(List.of(options));
        asPostgres(arguments.toArray(String[]::new));
    }

    private void asPostgres(String... command) {
        List<String> arguments = new ArrayList<>();
        if (ROOT) {
            arguments.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        arguments.addAll(List.of(command));
        run(arguments.toArray(String[]::new));
    }

    private void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
