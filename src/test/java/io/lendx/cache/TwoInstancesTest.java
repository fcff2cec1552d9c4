package io.lendx.cache;

import io.lendx.support.Actors;
import io.lendx.support.Actors.Actor;
import io.lendx.support.DatabaseTest;
import io.lendx.support.Eventually;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two instances on one database: a mutation on one drops the other's cached answers within a second. */
@MicronautTest(transactional = false)
class TwoInstancesTest extends DatabaseTest {

    private static final String POOL = "query Other($address: String!) { pool(address: $address) {"
            + " applications(first: 5) { totalCount } } }";

    @Inject
    Actors actors;

    private EmbeddedServer other;
    private HttpClient otherClient;

    @BeforeAll
    void startTheOtherInstance() {
        other = ApplicationContext.run(EmbeddedServer.class, database(), "test");
        otherClient = HttpClient.create(other.getURL());
    }

    @AfterAll
    void stopTheOtherInstance() {
        otherClient.close();
        other.stop();
    }

    @Test
    void aMutationOnOneInstanceShowsOnTheOtherWithinASecond() {
        Actor issuer = actors.register();
        String pool = actors.pool(issuer, "5000");
        onTheOther(pool);
        assertEquals("HIT", onTheOther(pool).header("X-Cache"));

        actors.apply(actors.register(), pool, "1000");
        Duration took = Eventually.within(Duration.ofSeconds(1),
                () -> body(onTheOther(pool)).contains("\"totalCount\":1"), "the other instance to see the application");

        System.out.printf("The other instance saw the change %d ms after the mutation answered%n", took.toMillis());
        assertTrue(body(onTheOther(pool)).contains("\"totalCount\":1"));
    }

    private HttpResponse<String> onTheOther(String pool) {
        String body = "{\"query\":\"" + POOL.replace("\"", "\\\"") + "\",\"variables\":{\"address\":\"" + pool + "\"}}";
        return otherClient.toBlocking().exchange(HttpRequest.POST("/graphql", body)
                .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON), String.class);
    }

    private static String body(HttpResponse<String> response) {
        return response.getBody().orElse("");
    }
}
