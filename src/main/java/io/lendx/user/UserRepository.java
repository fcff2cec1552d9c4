package io.lendx.user;

import io.lendx.paging.Conditions;
import io.lendx.paging.KeysetQueries;
import io.lendx.paging.Page;
import io.lendx.paging.PageRequest;
import io.lendx.paging.Table;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.r2dbc.annotation.R2dbcRepository;
import io.micronaut.data.repository.reactive.ReactorCrudRepository;
import reactor.core.publisher.Mono;

@R2dbcRepository(dialect = Dialect.POSTGRES)
public abstract class UserRepository implements ReactorCrudRepository<User, String> {

    public static final Table<User> TABLE = Table.of(User.class).sortableBy("createdAt", "address").build();

    private final KeysetQueries keyset;

    protected UserRepository(KeysetQueries keyset) {
        this.keyset = keyset;
    }

    public abstract Mono<Boolean> existsByDid(String did);

    public Mono<Page<User>> findPage(UserFilter filter, PageRequest<User> page) {
        return keyset.page(TABLE, conditions(filter), page);
    }

    public Mono<Long> countMatching(UserFilter filter) {
        return keyset.count(TABLE, conditions(filter));
    }

    private static Conditions conditions(UserFilter filter) {
        return Conditions.where().equal("did", filter.did());
    }
}
