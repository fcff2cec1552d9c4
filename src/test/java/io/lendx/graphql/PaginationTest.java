package io.lendx.graphql;

import io.lendx.support.DatabaseTest;
import io.lendx.support.Fixtures;
import io.lendx.support.GraphQLClient;
import io.lendx.support.GraphQLResponse;
import io.lendx.user.User;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Relay pagination edges on the {@code pools} connection of a database holding five pools of one
 * issuer (tests that need more pools give them another issuer and filter), and on an empty relation.
 */
@MicronautTest(transactional = false)
class PaginationTest extends DatabaseTest {

    private static final int POOLS = 5;

    @Inject
    Fixtures fixtures;
    @Inject
    GraphQLClient graphql;

    private final List<String> pools = new ArrayList<>();
    private User issuer;

    @BeforeAll
    void fivePools() {
        issuer = fixtures.user();
        for (int i = 0; i < POOLS; i++) {
            pools.add(fixtures.pool(issuer).address());
        }
    }

    @Test
    void walkingAllPagesVisitsEveryPoolOnceInOrder() {
        List<String> seen = new ArrayList<>();
        String after = null;
        boolean hasNext = true;
        int pages = 0;
        while (hasNext) {
            GraphQLResponse page = listPools(2, after);
            List<Map<String, Object>> nodes = page.data("pools.nodes");
            nodes.forEach(node -> seen.add((String) node.get("address")));
            assertEquals(POOLS, (int) page.data("pools.totalCount"));
            assertEquals(after != null, page.data("pools.pageInfo.hasPreviousPage"));
            hasNext = page.data("pools.pageInfo.hasNextPage");
            after = page.data("pools.pageInfo.endCursor");
            pages++;
        }
        assertEquals(pools, seen);
        assertEquals(3, pages);
    }

    @Test
    void anExactPageHasNoNextPage() {
        GraphQLResponse page = listPools(POOLS, null);
        assertEquals(POOLS, ((List<?>) page.data("pools.nodes")).size());
        assertEquals(false, page.data("pools.pageInfo.hasNextPage"));
        assertEquals(page.<String>data("pools.edges.0.cursor"), page.data("pools.pageInfo.startCursor"));
        assertEquals(page.<String>data("pools.edges.4.cursor"), page.data("pools.pageInfo.endCursor"));
    }

    @Test
    void afterTheLastCursorThePageIsEmpty() {
        GraphQLResponse all = listPools(POOLS, null);
        GraphQLResponse beyond = listPools(2, all.data("pools.pageInfo.endCursor"));
        assertEquals(List.of(), beyond.data("pools.edges"));
        assertEquals(false, beyond.data("pools.pageInfo.hasNextPage"));
        assertNull(beyond.data("pools.pageInfo.startCursor"));
        assertNull(beyond.data("pools.pageInfo.endCursor"));
    }

    @Test
    void firstZeroTellsOnlyWhetherThereIsMore() {
        GraphQLResponse page = listPools(0, null);
        assertEquals(List.of(), page.data("pools.nodes"));
        assertEquals(true, page.data("pools.pageInfo.hasNextPage"));
        assertEquals(POOLS, (int) page.data("pools.totalCount"));
    }

    @Test
    void anEmptyRelationIsAnEmptyConnection() {
        GraphQLResponse response = graphql.operation("pool/GetPool", Map.of("address", pools.get(0)));
        assertEquals(0, (int) response.data("pool.loans.totalCount"));
        assertEquals(List.of(), response.data("pool.loans.nodes"));
    }

    @Test
    void theDefaultPageSizeIsTwenty() {
        User prolific = fixtures.user();
        for (int i = 0; i < 21; i++) {
            fixtures.pool(prolific);
        }
        GraphQLResponse page = graphql.operation("pool/ListPools",
                Map.of("filter", Map.of("issuerAddress", prolific.address())));
        assertEquals(20, ((List<?>) page.data("pools.nodes")).size());
        assertEquals(true, page.data("pools.pageInfo.hasNextPage"));
    }

    @Test
    void moreThanAHundredIsBadInput() {
        listPools(101, null).singleError("BAD_USER_INPUT");
        listPools(-1, null).singleError("BAD_USER_INPUT");
    }

    @Test
    void aMalformedCursorIsBadInput() {
        for (String cursor : List.of("not base64!", "", "djF8eHg", "dHJ1bmNhdGVk")) {
            listPools(2, cursor).singleError("BAD_USER_INPUT");
        }
    }

    @Test
    void aCursorOfAnotherOrderingIsBadInput() {
        String byCreation = listPools(1, null).data("pools.pageInfo.endCursor");
        Map<String, Object> variables = new HashMap<>();
        variables.put("after", byCreation);
        variables.put("orderBy", Map.of("field", "ADDRESS"));
        graphql.operation("pool/ListPools", variables).singleError("BAD_USER_INPUT");
    }

    @Test
    void aCursorOfAnotherConnectionIsBadInput() {
        String poolCursor = listPools(1, null).data("pools.pageInfo.endCursor");
        Map<String, Object> variables = new HashMap<>();
        variables.put("after", poolCursor);
        graphql.operation("loan/ListLoans", variables).singleError("BAD_USER_INPUT");
    }

    @Test
    void aRelationRefusesAnOversizedPageToo() {
        graphql.operation("user/UserRelationPages", Map.of("address", issuer.address(), "first", 500))
                .errors().forEach(error -> assertEquals("BAD_USER_INPUT",
                        ((Map<?, ?>) error.get("extensions")).get("code")));
        assertEquals(4, graphql.operation("user/UserRelationPages",
                Map.of("address", issuer.address(), "first", 500)).errors().size());
    }

    private GraphQLResponse listPools(int first, String after) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("first", first);
        variables.put("after", after);
        variables.put("filter", Map.of("issuerAddress", issuer.address()));
        return graphql.operation("pool/ListPools", variables);
    }
}
