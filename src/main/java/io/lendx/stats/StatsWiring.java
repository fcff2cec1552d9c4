package io.lendx.stats;

import graphql.schema.idl.RuntimeWiring;
import io.lendx.graphql.FeatureWiring;
import io.lendx.pool.Pool;
import jakarta.inject.Singleton;

@Singleton
public class StatsWiring implements FeatureWiring {

    private final StatsService service;

    public StatsWiring(StatsService service) {
        this.service = service;
    }

    @Override
    public String schemaFile() {
        return "stats.graphqls";
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Query", type -> type.dataFetcher("marketplaceStats", env -> service.marketplace().toFuture()));
        wiring.type("Pool", type -> type.dataFetcher("stats",
                env -> StatsLoaders.POOL_STATS.in(env).load(env.<Pool>getSource().address())));
    }
}
