package io.lendx.graphql;

import graphql.GraphQLError;
import io.micronaut.http.HttpRequest;
import reactor.core.publisher.Mono;

/** Told of a request refused before execution (say, a revoked key), before it is answered. */
public interface RefusedRequestListener {

    Mono<Void> refused(HttpRequest<?> request, String query, String operationName, GraphQLError error);
}
