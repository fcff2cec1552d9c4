package io.lendx.http;

import io.lendx.support.DatabaseTest;
import io.lendx.support.GraphQLHttp;
import io.lendx.support.GraphQLHttp.Reply;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a browser frontend and a developer meet outside production: GraphiQL served from the jar
 * alone, the SDL for code generators, and CORS for local development origins. (The browser
 * itself runs in clients/smoke; ProductionSwitchesTest holds the prod counterparts.)
 */
@MicronautTest(transactional = false)
public class FrontendAccessTest extends DatabaseTest {

    public static final String DEV_ORIGIN = "http://localhost:5173";
    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    @Inject
    GraphQLHttp http;

    @Test
    void graphiqlLoadsEveryAssetFromTheServiceItself() {
        String page = http.exchange(HttpRequest.GET("/graphiql").accept(MediaType.TEXT_HTML_TYPE), null).body();

        Matcher assets = ASSET.matcher(page);
        int served = 0;
        while (assets.find()) {
            String asset = assets.group(1);
            assertTrue(asset.startsWith("/graphiql/assets/"), () -> "not from the service: " + asset);
            Reply reply = http.exchange(HttpRequest.GET(asset), null);
            assertEquals(200, reply.status(), asset);
            assertTrue(reply.body().length() > 1000, asset);
            served++;
        }
        assertEquals(4, served, "React, ReactDOM, GraphiQL's script and its style sheet");
        assertFalse(page.contains("unpkg") || page.contains("https://"), "no CDN");
    }

    @Test
    void graphiqlOpensWithTheMarketplaceOverview() throws IOException {
        String page = http.exchange(HttpRequest.GET("/graphiql").accept(MediaType.TEXT_HTML_TYPE), null).body();
        String path = "/graphiql/operations/marketplace/MarketplaceOverview.graphql";
        assertTrue(page.contains(path), "the page fetches the operation it opens with");

        Reply operation = http.exchange(HttpRequest.GET(path), null);

        assertEquals(200, operation.status(), operation::toString);
        assertEquals(Files.readString(Path.of("graphql/operations/marketplace/MarketplaceOverview.graphql"),
                StandardCharsets.UTF_8), operation.body());
    }

    @Test
    void theSchemaIsServedAsSdlWithItsDescriptions() {
        Reply reply = http.exchange(HttpRequest.GET("/graphql/schema.graphql"), null);

        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith(MediaType.TEXT_PLAIN), reply.contentType());
        String sdl = reply.body();
        for (String expected : List.of("type Query {", "type Mutation {", "type Pool", "scalar Decimal",
                "input SubmitApplicationInput", "\"\"\"")) {
            assertTrue(sdl.contains(expected), () -> "missing " + expected);
        }
        assertFalse(sdl.contains("__Schema"), "introspection types are not part of the SDL");
    }

    @Test
    void aDevelopmentOriginPassesThePreflightWithTheHeadersAFrontendSends() {
        Reply preflight = http.exchange(preflight(DEV_ORIGIN), null);

        assertEquals(200, preflight.status(), preflight::toString);
        assertEquals(DEV_ORIGIN, preflight.header("Access-Control-Allow-Origin"));
        String allowed = String.join(",", preflight.headers().getAll("Access-Control-Allow-Headers")).toLowerCase();
        assertTrue(allowed.contains("authorization") && allowed.contains("content-type"), allowed);
        assertTrue(preflight.header("Access-Control-Allow-Methods").contains("POST"), preflight::toString);
        assertNull(preflight.header("Access-Control-Allow-Credentials"), "keys travel in a header, not cookies");
    }

    @Test
    void aCrossOriginAnswerExposesTheRequestIdAndTheCacheHeaders() {
        MutableHttpRequest<String> request = HttpRequest.POST(GraphQLHttp.PATH, http.body("{ pools { totalCount } }",
                Map.of())).contentType(MediaType.APPLICATION_JSON_TYPE).accept(MediaType.APPLICATION_JSON_TYPE)
                .header("Origin", DEV_ORIGIN);

        Reply reply = http.exchange(request, null);

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(DEV_ORIGIN, reply.header("Access-Control-Allow-Origin"));
        List<String> exposed = reply.headers().getAll("Access-Control-Expose-Headers").stream()
                .flatMap(value -> Arrays.stream(value.split(","))).map(String::trim).toList();
        assertTrue(exposed.containsAll(List.of("X-Request-Id", "X-Cache", "Age", "ETag")), reply::toString);
        assertTrue(reply.graphql().errors().isEmpty(), reply::toString);
    }

    @Test
    void anotherOriginIsNotAllowed() {
        Reply preflight = http.exchange(preflight("http://localhost:6666"), null);

        assertNull(preflight.header("Access-Control-Allow-Origin"), preflight::toString);
    }

    public static MutableHttpRequest<Object> preflight(String origin) {
        return HttpRequest.create(HttpMethod.OPTIONS, GraphQLHttp.PATH)
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type");
    }
}
