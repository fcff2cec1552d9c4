package io.lendx.audit;

import io.lendx.paging.Conditions;
import io.lendx.paging.Direction;
import io.lendx.paging.KeysetQueries;
import io.lendx.paging.Ordering;
import io.lendx.paging.Page;
import io.lendx.paging.PageRequest;
import io.lendx.paging.Table;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.r2dbc.annotation.R2dbcRepository;
import io.micronaut.data.repository.GenericRepository;
import reactor.core.publisher.Mono;

@R2dbcRepository(dialect = Dialect.POSTGRES)
public abstract class AuditRepository implements GenericRepository<AuditEvent, String> {

    static final Table<AuditEvent> TABLE = Table.of(AuditEvent.class).sortableBy("occurredAt").build();
    /** The log reads newest first. */
    static final Ordering<AuditEvent> NEWEST_FIRST = new Ordering<>(TABLE.sortField("OCCURRED_AT"), Direction.DESC);

    private final KeysetQueries keyset;

    protected AuditRepository(KeysetQueries keyset) {
        this.keyset = keyset;
    }

    public abstract Mono<AuditEvent> save(AuditEvent event);

    public Mono<Page<AuditEvent>> findPage(AuditFilter filter, PageRequest<AuditEvent> page) {
        return keyset.page(TABLE, conditions(filter), page);
    }

    public Mono<Long> countMatching(AuditFilter filter) {
        return keyset.count(TABLE, conditions(filter));
    }

    private static Conditions conditions(AuditFilter filter) {
        Conditions conditions = Conditions.where().equal("actor", filter.actor()).equal("action", filter.action());
        if (filter.occurredAfter() != null) {
            conditions.add("occurred_at >= ?", filter.occurredAfter());
        }
        if (filter.occurredBefore() != null) {
            conditions.add("occurred_at < ?", filter.occurredBefore());
        }
        return conditions;
    }
}
