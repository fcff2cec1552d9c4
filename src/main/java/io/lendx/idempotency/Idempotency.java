package io.lendx.idempotency;

import io.lendx.error.BadUserInputException;
import io.lendx.error.ConflictException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.data.r2dbc.operations.R2dbcOperations;
import io.micronaut.json.JsonMapper;
import io.r2dbc.spi.Statement;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a mutation at most once per (caller, idempotency key). The key is claimed with an
 * INSERT in the mutation's own transaction: a retry racing the first request waits on the
 * primary key until that request commits (and then replays it) or rolls back (and then runs).
 * So the record exists exactly when the effect does, across restarts and instances.
 */
@Singleton
public class Idempotency {

    private static final int MAX_KEY_LENGTH = 255;
    private static final Argument<Map<String, String>> RECORD = Argument.mapOf(String.class, String.class);

    private final R2dbcOperations operations;
    private final JsonMapper json;
    private final Clock clock;

    public Idempotency(R2dbcOperations operations, JsonMapper json, Clock clock) {
        this.operations = operations;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Runs {@code action} unless this caller already used {@code key}; then rebuilds the first
     * outcome with {@code replay} from what {@code remember} kept of it. Call it inside the
     * mutation's transaction. A key reused for a different request is a CONFLICT.
     */
    public <R> Mono<R> once(@Nullable String key, String caller, String operation, Object request,
                            Supplier<Mono<R>> action, Function<R, Map<String, String>> remember,
                            Function<Map<String, String>, Mono<R>> replay) {
        if (key == null) {
            return action.get();
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw new BadUserInputException("idempotencyKey must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        String requestHash = sha256(operation + "\n" + request);
        return claim(caller, key, operation, requestHash).flatMap(claimed -> claimed
                ? action.get().flatMap(result -> complete(caller, key, remember.apply(result)).thenReturn(result))
                : previous(caller, key).flatMap(first -> {
                    if (!first.operation().equals(operation) || !first.requestHash().equals(requestHash)) {
                        return Mono.error(new ConflictException(ConflictException.Reason.IDEMPOTENCY_KEY_REUSED,
                                "This idempotencyKey was already used for a different request"));
                    }
                    return replay.apply(read(first.result()));
                }));
    }

    private Mono<Boolean> claim(String caller, String key, String operation, String requestHash) {
        return execute("INSERT INTO idempotency_keys (caller, idempotency_key, operation, request_hash, result,"
                        + " created_at) VALUES ($1, $2, $3, $4, '', $5) ON CONFLICT DO NOTHING",
                statement -> statement.bind(0, caller).bind(1, key).bind(2, operation).bind(3, requestHash)
                        .bind(4, clock.instant()))
                .map(inserted -> inserted == 1);
    }

    private Mono<Long> complete(String caller, String key, Map<String, String> result) {
        return execute("UPDATE idempotency_keys SET result = $3 WHERE caller = $1 AND idempotency_key = $2",
                statement -> statement.bind(0, caller).bind(1, key).bind(2, write(result)));
    }

    private record FirstRequest(String operation, String requestHash, String result) {
    }

    private Mono<FirstRequest> previous(String caller, String key) {
        return Mono.from(operations.withConnection(connection -> Flux.from(connection.createStatement(
                                "SELECT operation, request_hash, result FROM idempotency_keys"
                                        + " WHERE caller = $1 AND idempotency_key = $2")
                        .bind(0, caller).bind(1, key).execute())
                .flatMap(result -> result.map((row, metadata) -> new FirstRequest(row.get(0, String.class),
                        row.get(1, String.class), row.get(2, String.class))))));
    }

    private Mono<Long> execute(String sql, Function<Statement, Statement> binder) {
        return Mono.from(operations.withConnection(connection ->
                        Flux.from(binder.apply(connection.createStatement(sql)).execute())
                                .flatMap(result -> Mono.from(result.getRowsUpdated()))))
                .defaultIfEmpty(0L);
    }

    private String write(Map<String, String> result) {
        try {
            return json.writeValueAsString(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> read(String result) {
        try {
            return json.readValue(result, RECORD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
