package io.lendx.replica;

import io.lendx.config.DatabaseSettings;
import io.lendx.dbpool.ConnectionPools;
import io.lendx.dbpool.ReactorConnectionPool;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.configuration.metrics.binder.r2dbc.R2dbcPoolMetricsBinder;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * The replica's own connection pool, opened like the primary's ({@code LENDX_DB_POOL_*} and the
 * other driver options apply to both) from {@code LENDX_DB_REPLICA_URL}, which has the form of
 * {@code DATABASE_URL}.
 */
@Singleton
@Requires(property = Replica.URL)
public class Replica implements MeterBinder {

    static final String URL = "lendx.db.replica.url";
    private static final String VARIABLE = "LENDX_DB_REPLICA_URL";
    private static final String PRIMARY_OPTIONS = "r2dbc.datasources.default.options";

    private final ReactorConnectionPool pool;

    public Replica(@Property(name = URL) String url, Environment environment, ConnectionPools pools) {
        Map<String, Object> settings = DatabaseSettings.fromDatabaseUrl(url, VARIABLE);
        ConnectionFactoryOptions.Builder options = ConnectionFactoryOptions
                .parse(String.valueOf(settings.get("r2dbc.datasources.default.url"))).mutate();
        environment.getProperties(PRIMARY_OPTIONS, StringConvention.CAMEL_CASE).forEach((name, value) ->
                options.option(Option.valueOf(name), String.valueOf(value)));
        setting(settings, "r2dbc.datasources.default.username", "user", options);
        setting(settings, "r2dbc.datasources.default.password", "password", options);
        setting(settings, PRIMARY_OPTIONS + ".sslMode", "sslMode", options);
        ConnectionFactoryOptions built = options.build();
        this.pool = pools.replacing((ConnectionPool) ConnectionFactories.get(built), built);
    }

    private static void setting(Map<String, Object> settings, String property, String option,
                                ConnectionFactoryOptions.Builder options) {
        Object value = settings.get(property);
        if (value != null) {
            options.option(Option.valueOf(option), String.valueOf(value));
        }
    }

    public ConnectionFactory connections() {
        return pool;
    }

    /** {@code r2dbc_pool_*{name="replica"}}, beside the primary's {@code name="default"}. */
    @Override
    public void bindTo(MeterRegistry registry) {
        new R2dbcPoolMetricsBinder(pool.metrics(), "replica", List.of()).bindTo(registry);
    }
}
