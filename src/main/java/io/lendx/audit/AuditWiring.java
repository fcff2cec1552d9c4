package io.lendx.audit;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.lendx.auth.Caller;
import io.lendx.auth.Callers;
import io.lendx.graphql.Arguments;
import io.lendx.graphql.Connection;
import io.lendx.graphql.Connections;
import io.lendx.graphql.FeatureWiring;
import io.lendx.paging.PageRequest;
import jakarta.inject.Singleton;

import java.util.concurrent.CompletableFuture;

@Singleton
public class AuditWiring implements FeatureWiring {

    private final AuditService audit;

    public AuditWiring(AuditService audit) {
        this.audit = audit;
    }

    @Override
    public String schemaFile() {
        return "audit.graphqls";
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Query", type -> type.dataFetcher("auditEvents", this::auditEvents));
    }

    private CompletableFuture<Connection<AuditEvent>> auditEvents(DataFetchingEnvironment env) {
        Caller caller = Callers.require(env);
        AuditFilter filter = Arguments.filter(env, AuditFilter.class);
        PageRequest<AuditEvent> page = Arguments.page(env, AuditRepository.NEWEST_FIRST);
        return Connections.of(env, audit.list(caller, filter, page), () -> audit.count(caller, filter));
    }
}
