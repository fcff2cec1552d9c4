package io.lendx.audit;

import io.lendx.auth.Caller;
import io.lendx.error.ForbiddenException;
import io.lendx.paging.Page;
import io.lendx.paging.PageRequest;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.UUID;

@Singleton
public class AuditService {

    private final AuditRepository events;
    private final Clock clock;

    public AuditService(AuditRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** An attempt to record, before its time and id are assigned. */
    public record Attempt(@Nullable String actor, String action, @Nullable String target,
                          @Nullable String errorCode, @Nullable String requestId, @Nullable String clientAddress,
                          boolean replay) {
    }

    /**
     * Records an attempt: inside the transaction the subscriber runs in (a mutation's, so the row
     * commits with its effect), or else on its own (a refusal, whose transaction rolled back).
     */
    public Mono<AuditEvent> record(Attempt attempt) {
        return events.save(new AuditEvent(UUID.randomUUID().toString(), clock.instant(), storable(attempt.actor()),
                storable(attempt.action()), storable(attempt.target()),
                attempt.errorCode() != null ? AuditOutcome.FAILURE
                        : attempt.replay() ? AuditOutcome.REPLAY : AuditOutcome.SUCCESS,
                storable(attempt.errorCode()), storable(attempt.requestId()), ClientNetwork.of(attempt.clientAddress())));
    }

    /**
     * PostgreSQL refuses a NUL character in text, and an attempt carrying one (a key id of
     * {@code "zzz\u0000"}) must still leave its row: NUL becomes U+FFFD, the replacement character.
     */
    @Nullable
    static String storable(@Nullable String value) {
        return value == null || value.indexOf('\u0000') < 0 ? value : value.replace('\u0000', '\uFFFD');
    }

    public Mono<Page<AuditEvent>> list(Caller caller, AuditFilter filter, PageRequest<AuditEvent> page) {
        requireAdmin(caller);
        return events.findPage(filter, page);
    }

    public Mono<Long> count(Caller caller, AuditFilter filter) {
        requireAdmin(caller);
        return events.countMatching(filter);
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw new ForbiddenException("The audit log is for ADMIN keys only");
        }
    }
}
