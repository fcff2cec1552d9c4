package io.lendx.graphql;

import io.micronaut.http.HttpRequest;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * Adds per-request entries (such as the caller) to the GraphQL context. It runs before
 * execution, on the request's own chain, because fetchers run on other threads where the
 * HTTP request is out of reach. An {@code ApiException} from it refuses the whole request.
 */
public interface RequestContextContributor {

    Mono<Map<Object, Object>> contribute(HttpRequest<?> request);
}
