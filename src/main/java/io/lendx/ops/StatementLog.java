package io.lendx.ops;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.r2dbc.proxy.ProxyConnectionFactory;
import io.r2dbc.proxy.core.QueryExecutionInfo;
import io.r2dbc.proxy.core.QueryInfo;
import io.r2dbc.spi.ConnectionFactory;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * {@code LENDX_DB_LOG_STATEMENTS=true}: logs every SQL statement with how long it took (logger
 * {@code io.lendx.sql}), through r2dbc-proxy around the connection factory. Bind values only
 * with {@code LENDX_DB_LOG_BIND_VALUES=true}, and never in {@code prod}: they carry addresses,
 * amounts and key hashes.
 */
@Singleton
@Requires(property = "lendx.db.log-statements", value = "true")
public class StatementLog implements BeanCreatedEventListener<ConnectionFactory> {

    private static final Logger SQL = LoggerFactory.getLogger("io.lendx.sql");

    private final boolean bindValues;

    public StatementLog(@Value("${lendx.db.log-bind-values:false}") boolean bindValues, Environment environment) {
        this.bindValues = bindValues && !environment.getActiveNames().contains("prod");
    }

    @Override
    public ConnectionFactory onCreated(BeanCreatedEvent<ConnectionFactory> event) {
        return ProxyConnectionFactory.builder(event.getBean()).onAfterQuery(this::log).build();
    }

    /** Each statement's bound values in order; an array (a batch's keys) written out, not as its identity. */
    private static String bindings(QueryExecutionInfo info) {
        return info.getQueries().stream().flatMap(query -> query.getBindingsList().stream())
                .map(bound -> bound.getIndexBindings().stream()
                        .map(binding -> binding.getBoundValue().getValue() instanceof Object[] array
                                ? Arrays.toString(array) : String.valueOf(binding.getBoundValue().getValue()))
                        .collect(Collectors.joining(", ", "(", ")")))
                .collect(Collectors.joining(" "));
    }

    private void log(QueryExecutionInfo info) {
        String sql = info.getQueries().stream().map(QueryInfo::getQuery).collect(Collectors.joining("; "));
        long millis = info.getExecuteDuration().toMillis();
        String outcome = info.isSuccess() ? "" : " (failed)";
        if (bindValues) {
            SQL.info("{} ms{}: {} bindings {}", millis, outcome, sql, bindings(info));
        } else {
            SQL.info("{} ms{}: {}", millis, outcome, sql);
        }
    }
}
