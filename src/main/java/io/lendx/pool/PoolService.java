package io.lendx.pool;

import io.lendx.paging.Page;
import io.lendx.paging.PageRequest;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

@Singleton
public class PoolService {

    private final PoolRepository pools;

    public PoolService(PoolRepository pools) {
        this.pools = pools;
    }

    public Mono<Page<Pool>> list(PoolFilter filter, PageRequest<Pool> page) {
        return pools.findPage(filter, page);
    }

    public Mono<Long> count(PoolFilter filter) {
        return pools.countMatching(filter);
    }
}
