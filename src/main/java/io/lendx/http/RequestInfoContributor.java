package io.lendx.http;

import io.lendx.graphql.RequestContextContributor;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.util.Map;

/** Puts the request's id and client address into the GraphQL context. */
@Singleton
public class RequestInfoContributor implements RequestContextContributor {

    private final HttpClientAddressResolver addresses;

    public RequestInfoContributor(HttpClientAddressResolver addresses) {
        this.addresses = addresses;
    }

    @Override
    public Mono<Map<Object, Object>> contribute(HttpRequest<?> request) {
        return Mono.just(Map.of(RequestInfo.class,
                new RequestInfo(RequestIdFilter.of(request), addresses.resolve(request))));
    }
}
