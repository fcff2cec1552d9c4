package io.lendx.balance;

import io.lendx.support.DatabaseTest;
import io.lendx.support.Fixtures;
import io.lendx.support.GraphQLClient;
import io.lendx.support.GraphQLResponse;
import io.lendx.user.User;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

@MicronautTest(transactional = false)
class BalanceQueriesTest extends DatabaseTest {

    @Inject
    Fixtures fixtures;
    @Inject
    GraphQLClient graphql;

    @Test
    void stalenessIsJudgedAgainstTheGivenAge() {
        User holder = fixtures.user();
        fixtures.balance(holder, "FRESH", new BigDecimal("1.000000"), Instant.now().minus(1, ChronoUnit.MINUTES));
        fixtures.balance(holder, "OLD", new BigDecimal("2.000000"), Instant.now().minus(10, ChronoUnit.MINUTES));

        assertEquals(List.of(false, true), staleness(holder, 300));
        assertEquals(List.of(false, false), staleness(holder, 3600));
        assertEquals(List.of(true, true), staleness(holder, 0));
    }

    @Test
    void aNegativeMaximumAgeIsBadInput() {
        User holder = fixtures.user();
        fixtures.balance(holder, "ANY", BigDecimal.ONE, Instant.now());
        GraphQLResponse response = graphql.operation("user/GetUser",
                Map.of("address", holder.address(), "maxAgeSeconds", -1));
        response.singleError("BAD_USER_INPUT");
    }

    private List<Boolean> staleness(User holder, int maxAgeSeconds) {
        GraphQLResponse response = graphql.operation("user/GetUser",
                Map.of("address", holder.address(), "maxAgeSeconds", maxAgeSeconds));
        List<Map<String, Object>> balances = response.data("user.mptBalances");
        assertEquals(List.of("FRESH", "OLD"), balances.stream().map(b -> b.get("mptId")).toList());
        return balances.stream().map(b -> (Boolean) b.get("isStale")).toList();
    }
}
