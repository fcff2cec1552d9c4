package io.lendx.jobs;

import io.micronaut.data.r2dbc.operations.R2dbcOperations;
import io.r2dbc.spi.Connection;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.util.function.Function;

/**
 * Runs a round of a job that every instance schedules, on whichever instance first takes the
 * job's advisory lock on the primary; the others find it taken and skip the round. The lock is
 * the transaction's, so it is released when the round commits or its connection dies.
 */
@Singleton
public class OneInstanceAtATime {

    private final R2dbcOperations primary;

    public OneInstanceAtATime(R2dbcOperations primary) {
        this.primary = primary;
    }

    /** The round's results, or nothing when another instance holds the job's lock. */
    public <T> Flux<T> run(Job job, Function<Connection, Publisher<T>> round) {
        return Flux.from(primary.withTransaction(status -> {
            Connection connection = status.getConnection();
            return Flux.from(connection.createStatement("SELECT pg_try_advisory_xact_lock($1)")
                            .bind(0, job.lockKey()).execute())
                    .flatMap(result -> result.map(row -> row.get(0, Boolean.class)))
                    .filter(Boolean::booleanValue)
                    .flatMap(locked -> round.apply(connection));
        }));
    }
}
