package io.lendx.user;

import io.lendx.paging.Conditions;
import io.lendx.paging.KeysetQueries;
import io.lendx.paging.Page;
import io.lendx.paging.PageRequest;
import io.lendx.paging.Projection;
import io.lendx.paging.SortField;
import io.lendx.paging.Table;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.r2dbc.annotation.R2dbcRepository;
import io.micronaut.data.repository.reactive.ReactorCrudRepository;
import io.r2dbc.spi.Row;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

@R2dbcRepository(dialect = Dialect.POSTGRES)
public abstract class UserRepository implements ReactorCrudRepository<User, String> {

    static final Table<User> TABLE = new Table<>("users", "address", User::address, UserRepository::fromRow,
            Set.of("address"),
            Table.fieldColumns(List.of("did", "created_at", "updated_at"), Map.of()));
    static final SortField<User> CREATED_AT = SortField.instant("users.CREATED_AT", "created_at", User::createdAt);
    static final SortField<User> ADDRESS = SortField.text("users.ADDRESS", "address", User::address);

    private final KeysetQueries keyset;

    protected UserRepository(KeysetQueries keyset) {
        this.keyset = keyset;
    }

    /** One statement for a whole DataLoader batch, bound as one array however many keys it has. */
    public Flux<User> findByAddressIn(Collection<String> addresses) {
        return findByAddressIn(addresses, Projection.ALL);
    }

    Flux<User> findByAddressIn(Collection<String> addresses, Projection projection) {
        return keyset.findWhereIn(TABLE, "address", addresses, projection);
    }

    public abstract Mono<Boolean> existsByDid(String did);

    public Mono<Page<User>> findPage(UserFilter filter, PageRequest<User> page) {
        return keyset.page(TABLE, conditions(filter), page);
    }

    public Mono<Long> countMatching(UserFilter filter) {
        return keyset.count(TABLE, conditions(filter));
    }

    static SortField<User> sortField(String name) {
        return switch (name) {
            case "ADDRESS" -> ADDRESS;
            default -> CREATED_AT;
        };
    }

    private static Conditions conditions(UserFilter filter) {
        return Conditions.where().equal("did", filter.did());
    }

    private static User fromRow(Row row) {
        return new User(row.get("address", String.class), row.get("did", String.class),
                row.get("created_at", Instant.class), row.get("updated_at", Instant.class));
    }
}
