package io.lendx.user;

import io.lendx.paging.Page;
import io.lendx.paging.PageRequest;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

@Singleton
public class UserService {

    private final UserRepository users;

    public UserService(UserRepository users) {
        this.users = users;
    }

    public Mono<Page<User>> list(UserFilter filter, PageRequest<User> page) {
        return users.findPage(filter, page);
    }

    public Mono<Long> count(UserFilter filter) {
        return users.countMatching(filter);
    }
}
