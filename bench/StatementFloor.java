import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.Connection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one lookup statement costs the JVM through r2dbc-pool and r2dbc-postgresql alone, with no
 * HTTP, GraphQL or DataLoader around it: the floor under the service's cost per statement.
 *
 * <pre>
 * java -cp target/lendx-api-0.1.0.jar bench/StatementFloor.java PORT [MODE] [CONCURRENCY]
 * </pre>
 *
 * PORT is a PostgreSQL on 127.0.0.1 (user and database postgres) holding the sample marketplace:
 * the one a service started without DATABASE_URL logs ("Started embedded PostgreSQL on port").
 * MODE {@code pool}: each statement takes a connection of a pool of 10 (as the service's) and gives
 * it back, its next one issued from the thread that read the answer; {@code hop}: the same, issued
 * from and answered back to a pool of two worker threads, as the service's GraphQL workers do;
 * {@code held}: no pool, each of CONCURRENCY connections (at most 10) kept for its own stream of
 * statements, which is what the pool's acquisition and release cost beside {@code pool}.
 * CONCURRENCY statements are under way at once (default 16). Prints, per 8 s round, statements per
 * second and CPU microseconds per statement (user and system, from /proc).
 */
public class StatementFloor {

    private static final String SQL = "SELECT loan_address FROM loans WHERE loan_address = $1";
    private static final String LOAN = "281E0E37BED3367A5675B0F4952A362566418E386D3F5FF445F911A3C2EB4EB9";

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String mode = args.length > 1 ? args[1] : "pool";
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        ConnectionPool pool = new ConnectionPool(ConnectionPoolConfiguration.builder(
                new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                        .host("127.0.0.1").port(port).username("postgres").password("postgres")
                        .database("postgres").forceBinary(true).build()))
                .initialSize(10).maxSize(10).maxIdleTime(Duration.ofMinutes(10)).build());
        Mono<String> lookup = Mono.usingWhen(pool.create(), StatementFloor::lookup, Connection::close);
        Mono<String> statement = switch (mode) {
            case "pool", "held" -> lookup;
            case "hop" -> {
                Scheduler workers = Schedulers.fromExecutorService(Executors.newFixedThreadPool(2));
                yield lookup.subscribeOn(workers).publishOn(workers);
            }
            default -> throw new IllegalArgumentException("MODE is pool, hop or held, not " + mode);
        };
        AtomicLong done = new AtomicLong();
        if (mode.equals("held")) {
            Flux.range(0, Math.min(concurrency, 10)).flatMap(i -> pool.create().flatMapMany(connection ->
                    Flux.range(0, Integer.MAX_VALUE).concatMap(j -> lookup(connection))), 10)
                    .subscribe(value -> done.incrementAndGet());
        } else {
            Flux.range(0, Integer.MAX_VALUE).flatMap(i -> statement, concurrency).subscribe(value -> done.incrementAndGet());
        }
        Thread.sleep(15_000);
        for (int round = 0; round < 3; round++) {
            long[] before = ticks();
            long n0 = done.get();
            long t0 = System.nanoTime();
            Thread.sleep(8_000);
            long[] after = ticks();
            long n = done.get() - n0;
            double microsPerTick = 1_000_000.0 / 100;
            System.out.printf("%s, %d at once: %d statements/s, CPU %.1f us per statement (user %.1f, system %.1f)%n",
                    mode, concurrency, n * 1_000_000_000L / (System.nanoTime() - t0),
                    (after[0] - before[0] + after[1] - before[1]) * microsPerTick / n,
                    (after[0] - before[0]) * microsPerTick / n, (after[1] - before[1]) * microsPerTick / n);
        }
        System.exit(0);
    }

    private static Mono<String> lookup(Connection connection) {
        return Flux.from(connection.createStatement(SQL).bind(0, LOAN).execute())
                .flatMap(result -> result.map((row, metadata) -> row.get(0, String.class))).last();
    }

    /** User and system clock ticks (1/100 s on Linux) of this process so far. */
    private static long[] ticks() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
    }
}
