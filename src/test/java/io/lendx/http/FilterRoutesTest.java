package io.lendx.http;

import io.lendx.support.DatabaseTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every server filter matches every path ({@link RequestPaths}): Micronaut then hands each request
 * the one list it keeps of them, instead of matching patterns and sorting a new list per request.
 */
@MicronautTest(transactional = false)
class FilterRoutesTest extends DatabaseTest {

    @Inject
    Router router;

    @Test
    void everyRequestGetsTheSameListOfFilters() {
        assertTrue(router.findFilters(HttpRequest.POST("/graphql", "{}")) == router.findFilters(HttpRequest.GET("/health")),
                "a filter with a path pattern (not /**) makes Micronaut match and sort the filters of every request");
    }
}
