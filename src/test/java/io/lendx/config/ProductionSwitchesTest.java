package io.lendx.config;

import io.lendx.http.FrontendAccessTest;
import io.lendx.support.GraphQLHttp;
import io.lendx.support.GraphQLHttp.Reply;
import io.lendx.support.Actors;
import io.lendx.support.Actors.Actor;
import io.lendx.support.DatabaseTest;
import io.lendx.support.GraphQLResponse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static io.lendx.support.GraphQLHttp.GRAPHQL_RESPONSE_JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In the prod environment (application-prod.yml) neither introspection nor GraphiQL is served;
 * the rest of the API works as anywhere else. Each test fails if the environment is not applied.
 */
@MicronautTest(environments = "prod", transactional = false)
class ProductionSwitchesTest extends DatabaseTest {

    @Inject
    GraphQLHttp http;
    @Inject
    Actors actors;

    @ParameterizedTest
    @ValueSource(strings = {
            "{ __schema { types { name } } }",
            "{ __type(name: \"Pool\") { fields { name } } }",
            "query IntrospectionQuery { __schema { queryType { name } mutationType { name } } }",
            "{ pools { totalCount } __schema { types { name } } }",
    })
    void introspectionIsRefused(String document) {
        Reply reply = http.post(document, Map.of(), null, MediaType.APPLICATION_JSON);

        GraphQLResponse response = reply.graphql();
        List<Map<String, Object>> errors = response.errors();
        assertFalse(errors.isEmpty(), reply::toString);
        Map<?, ?> extensions = (Map<?, ?>) errors.get(0).get("extensions");
        assertNotNull(extensions, reply::toString);
        assertNotNull(extensions.get("code"), reply::toString);
        assertNull(response.body().get("data"), reply::toString);
        assertFalse(reply.body().contains("\"Pool\""), reply::toString);
        GraphQLHttp.assertNoInternals(reply.body());
    }

    @Test
    void introspectionIsAClientErrorUnderGraphQLResponseJson() {
        Reply reply = http.post("{ __schema { types { name } } }", Map.of(), null, GRAPHQL_RESPONSE_JSON);

        assertEquals(400, reply.status(), reply::toString);
    }

    /** A deliberately refused introspection is a client error, not a failure of the server. */
    @Test
    void introspectionIsRefusedWithAClientErrorCode() {
        Reply reply = http.post("{ __schema { types { name } } }", Map.of(), null, MediaType.APPLICATION_JSON);

        Map<?, ?> extensions = (Map<?, ?>) reply.graphql().errors().get(0).get("extensions");
        assertTrue(List.of("BAD_USER_INPUT", "FORBIDDEN").contains(extensions.get("code")), reply::toString);
    }

    @Test
    void ordinaryQueriesStillWork() {
        Actor user = actors.register();

        Reply reply = http.post("query($a: String!) { user(address: $a) { address __typename } }",
                Map.of("a", user.address()), user.apiKey(), GRAPHQL_RESPONSE_JSON);

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(user.address(), reply.graphql().data("user.address"));
        assertEquals("User", reply.graphql().data("user.__typename"));
    }

    @Test
    void graphiqlIsNotServed() {
        Reply reply = http.exchange(HttpRequest.GET("/graphiql").accept(MediaType.TEXT_HTML_TYPE), null);

        assertEquals(404, reply.status(), reply::toString);
        assertFalse(reply.body().toLowerCase().contains("graphiql"), reply::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/graphiql/assets/graphiql/2.4.7/graphiql.min.js",
            "/graphiql/operations/marketplace/MarketplaceOverview.graphql", "/graphql/schema.graphql"})
    void neitherGraphiqlsFilesNorTheSchemaAreServed(String path) {
        Reply reply = http.exchange(HttpRequest.GET(path), null);

        assertEquals(404, reply.status(), reply::toString);
        reply.graphql().singleError("NOT_FOUND");
    }

    @Test
    void noOriginIsAllowedUnlessConfigured() {
        Reply preflight = http.exchange(FrontendAccessTest.preflight(FrontendAccessTest.DEV_ORIGIN), null);

        assertNull(preflight.header("Access-Control-Allow-Origin"), preflight::toString);
    }
}
