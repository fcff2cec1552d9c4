package io.lendx.audit;

import io.lendx.graphql.ApiErrors;
import graphql.GraphQLError;
import io.lendx.graphql.Documents;
import io.lendx.graphql.RefusedRequestListener;
import io.lendx.graphql.RequestDeadline;
import io.lendx.http.RequestIdFilter;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Audits mutations refused before they ran (an unknown, expired or revoked key): an attempt
 * is an attempt, whether or not it got as far as its fetcher.
 */
@Singleton
public class RefusedMutationAudit implements RefusedRequestListener {

    private static final Logger LOG = LoggerFactory.getLogger(RefusedMutationAudit.class);

    private final AuditService audit;
    private final HttpClientAddressResolver addresses;
    private final Documents documents;

    public RefusedMutationAudit(AuditService audit, HttpClientAddressResolver addresses, Documents documents) {
        this.audit = audit;
        this.addresses = addresses;
        this.documents = documents;
    }

    @Override
    public Mono<Void> refused(HttpRequest<?> request, String query, String operationName, GraphQLError error) {
        String code = ApiErrors.code(error);
        return Flux.fromIterable(documents.mutationFields(query, operationName))
                .concatMap(action -> audit.record(new AuditService.Attempt(null, action, null,
                        String.valueOf(code), RequestIdFilter.of(request), addresses.resolve(request), false)))
                // Refused because the database stopped answering, it must still be answered.
                .timeout(RequestDeadline.AFTERMATH)
                .doOnError(failure -> LOG.error("Could not audit a refused mutation", failure))
                .onErrorComplete()
                .then();
    }
}
