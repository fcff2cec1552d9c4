package io.lendx.graphql;

import io.lendx.support.DatabaseTest;
import io.lendx.support.GraphQLClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Errors graphql-java raises itself still carry a code and no internals. */
@MicronautTest(transactional = false)
class ClientErrorsTest extends DatabaseTest {

    @Inject
    GraphQLClient graphql;

    @ParameterizedTest
    @ValueSource(strings = {
            "{ pools { nodes { address } }",
            "{ pools { nodes { noSuchField } } }",
            "{ pools(first: \"ten\") { totalCount } }",
            "{ loans(filter: {state: LOST}) { totalCount } }",
            "{ user { address } }",
            "mutation { nothing }",
    })
    void malformedDocumentsAreBadUserInput(String document) {
        Map<String, Object> error = graphql.document(document, Map.of()).singleError("BAD_USER_INPUT");
        assertFalse(String.valueOf(error).contains("graphql.") , error::toString);
    }

    @Test
    void aVariableOfTheWrongTypeIsBadUserInput() {
        graphql.operation("loan/ListLoans", Map.of("filter", Map.of("state", "LOST"))).singleError("BAD_USER_INPUT");
        graphql.operation("pool/ListPools", Map.of("first", "many")).singleError("BAD_USER_INPUT");
    }
}
