package io.lendx.idempotency;

import io.lendx.validation.Sha256;
import io.lendx.error.BadUserInputException;
import io.lendx.error.ConflictException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
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

    private final IdempotencyRepository records;
    private final JsonMapper json;
    private final Clock clock;

    public Idempotency(IdempotencyRepository records, JsonMapper json, Clock clock) {
        this.records = records;
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
        String requestHash = Sha256.hex(operation + "\n" + request);
        return claim(caller, key, operation, requestHash).flatMap(claimed -> claimed
                ? action.get().flatMap(result -> complete(caller, key, remember.apply(result)).thenReturn(result))
                : previous(caller, key).flatMap(first -> {
                    if (!first.operation().equals(operation) || !first.requestHash().equals(requestHash)) {
                        return Mono.error(new ConflictException(ConflictException.Reason.IDEMPOTENCY_KEY_REUSED,
                                "This idempotencyKey was already used for a different request"));
                    }
                    return Mono.deferContextual(context -> {
                        context.getOrEmpty(ReplayNotice.class).map(ReplayNotice.class::cast)
                                .ifPresent(ReplayNotice::markReplayed);
                        return replay.apply(read(first.result()));
                    });
                }));
    }

    private Mono<Boolean> claim(String caller, String key, String operation, String requestHash) {
        return records.claim(caller, key, operation, requestHash, clock.instant()).map(inserted -> inserted == 1);
    }

    private Mono<Long> complete(String caller, String key, Map<String, String> result) {
        return records.complete(caller, key, write(result));
    }

    private Mono<IdempotencyRecord> previous(String caller, String key) {
        return records.findById(new IdempotencyRecordId(caller, key));
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
}
