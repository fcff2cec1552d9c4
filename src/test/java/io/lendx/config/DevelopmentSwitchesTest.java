package io.lendx.config;

import graphql.introspection.IntrospectionQueryBuilder;
import io.lendx.support.GraphQLHttp;
import io.lendx.support.GraphQLHttp.Reply;
import io.lendx.support.DatabaseTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without the prod environment, introspection and GraphiQL are on (the counterpart of ProductionSwitchesTest). */
@MicronautTest(transactional = false)
class DevelopmentSwitchesTest extends DatabaseTest {

    @Inject
    GraphQLHttp http;

    @Test
    void introspectionIsAnswered() {
        Reply reply = http.post("{ __schema { types { name } } }", Map.of(), null, MediaType.APPLICATION_JSON);

        assertEquals(200, reply.status(), reply::toString);
        List<Map<String, Object>> types = reply.graphql().data("__schema.types");
        List<Object> names = types.stream().map(type -> type.get("name")).toList();
        assertTrue(names.containsAll(List.of("Pool", "User", "Loan", "AuditEvent", "Decimal")), names::toString);
    }

    @Test
    void theIntrospectionQueryOfGraphiqlIsAnswered() {
        // As GraphiQL 2 asks it: 13 levels deep, one more than a client query may have.
        String query = IntrospectionQueryBuilder.build(IntrospectionQueryBuilder.Options.defaultOptions()
                .inputValueDeprecation(true).isOneOf(false));
        Reply reply = http.post(query, Map.of(), null, MediaType.APPLICATION_JSON);

        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.graphql().errors().isEmpty(), reply::toString);
        List<Map<String, Object>> types = reply.graphql().data("__schema.types");
        assertTrue(types.stream().anyMatch(type -> "Subscription".equals(type.get("name"))), reply::toString);
    }

    @Test
    void graphiqlIsServed() {
        Reply reply = http.exchange(HttpRequest.GET("/graphiql").accept(MediaType.TEXT_HTML_TYPE), null);

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(MediaType.TEXT_HTML, reply.contentType());
        assertTrue(reply.body().contains("LendX GraphiQL"), () -> reply.body().substring(0, 300));
    }
}
