package io.lendx.config;

import io.lendx.http.FrontendAccessTest;
import io.lendx.support.DatabaseTest;
import io.lendx.support.GraphQLHttp;
import io.lendx.support.GraphQLHttp.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** In prod, LENDX_CORS_ALLOWED_ORIGINS lets exactly the origins it names call the API from a browser. */
@MicronautTest(environments = "prod", transactional = false)
class ProductionCorsTest extends DatabaseTest {

    private static final String APP = "https://app.lendx.example";

    @Inject
    GraphQLHttp http;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("LENDX_CORS_ALLOWED_ORIGINS", APP + ",https://admin.lendx.example");
        return properties;
    }

    @Test
    void aNamedOriginIsAllowed() {
        Reply preflight = http.exchange(FrontendAccessTest.preflight(APP), null);

        assertEquals(200, preflight.status(), preflight::toString);
        assertEquals(APP, preflight.header("Access-Control-Allow-Origin"));
    }

    @Test
    void theDevelopmentDefaultsAreNotAllowed() {
        Reply preflight = http.exchange(FrontendAccessTest.preflight(FrontendAccessTest.DEV_ORIGIN), null);

        assertNull(preflight.header("Access-Control-Allow-Origin"), preflight::toString);
    }
}
