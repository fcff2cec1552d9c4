package io.lendx.pool;

import io.lendx.support.Actors;
import io.lendx.support.Actors.Actor;
import io.lendx.support.DatabaseTest;
import io.lendx.support.Fixtures;
import io.lendx.support.GraphQLClient;
import io.lendx.support.GraphQLResponse;
import io.lendx.support.MutableClock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import static io.lendx.support.Actors.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class CreatePoolTest extends DatabaseTest {

    private static final String TX_HASH = "ab".repeat(16) + "0123456789ABCDEF0123456789abcdef";

    @Inject
    GraphQLClient graphql;
    @Inject
    Actors actors;
    @Inject
    MutableClock clock;

    @Test
    void aNewPoolHasItsTermsTheCallerAsIssuerAndAGeneratedAddress() {
        Actor issuer = actors.register();
        Instant now = clock.instant();

        GraphQLResponse response = graphql.mutation("pool/CreatePool", input("totalBalance", "250000.5",
                "minimumLoan", "100", "durationDays", 90, "interestRate", "7.5"), issuer.apiKey());

        String address = response.data("createPool.pool.address");
        assertTrue(address.matches("[0-9A-Fa-f]{64}"), () -> "Not 64 hex digits: " + address);
        assertEquals(issuer.address(), response.data("createPool.pool.issuer.address"));
        assertEquals("250000.500000", response.data("createPool.pool.totalBalance"));
        assertEquals("250000.500000", response.data("createPool.pool.currentBalance"));
        assertEquals("0.000000", response.data("createPool.pool.interestEarned"));
        assertEquals("100.000000", response.data("createPool.pool.minimumLoan"));
        assertEquals(90, (int) response.data("createPool.pool.durationDays"));
        assertEquals("7.500000", response.data("createPool.pool.interestRate"));
        assertNull(response.data("createPool.pool.txHash"));
        assertEquals(now, Instant.parse(response.data("createPool.pool.createdAt")));

        GraphQLResponse stored = graphql.operation("pool/GetPool", Map.of("address", address));
        assertEquals(issuer.address(), stored.data("pool.issuer.address"));
        assertEquals("250000.500000", stored.data("pool.totalBalance"));
        assertEquals("250000.500000", stored.data("pool.currentBalance"));
        assertEquals("0.000000", stored.data("pool.interestEarned"));
        assertEquals("100.000000", stored.data("pool.minimumLoan"));
        assertEquals(90, (int) stored.data("pool.durationDays"));
        assertEquals("7.500000", stored.data("pool.interestRate"));
        assertEquals(now, Instant.parse(stored.data("pool.createdAt")));
        assertEquals(now, Instant.parse(stored.data("pool.updatedAt")));
        assertEquals(1, poolsOf(issuer));
    }

    @Test
    void aGivenAddressAndTransactionHashAreKept() {
        Actor issuer = actors.register();
        String address = "Pool" + Fixtures.newObjectId().substring(0, 20);

        GraphQLResponse response = graphql.mutation("pool/CreatePool", input("poolAddress", address,
                "totalBalance", 1000, "minimumLoan", "1000", "durationDays", 1, "interestRate", "0",
                "txHash", TX_HASH), issuer.apiKey());

        assertEquals(address, response.data("createPool.pool.address"));
        assertEquals(TX_HASH, response.data("createPool.pool.txHash"));
        assertEquals("1000.000000", response.data("createPool.pool.totalBalance"));
        assertEquals("1000.000000", response.data("createPool.pool.minimumLoan"));
        assertEquals("0.000000", response.data("createPool.pool.interestRate"));
        GraphQLResponse stored = graphql.operation("pool/GetPool", Map.of("address", address));
        assertEquals(TX_HASH, stored.data("pool.txHash"));
        assertEquals(issuer.address(), stored.data("pool.issuer.address"));
    }

    @Test
    void twoPoolsWithoutAddressesGetDifferentAddresses() {
        Actor issuer = actors.register();
        String first = actors.pool(issuer, "1000");
        String second = actors.pool(issuer, "1000");
        assertNotEquals(first, second);
        assertEquals(2, poolsOf(issuer));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "durationDays, 1",
            "durationDays, 3650",
            "interestRate, 0",
            "interestRate, 100",
            "interestRate, 99.9999",
            "interestRate, 1.2345",
            "minimumLoan, 0.000001",
            "minimumLoan, 5000",
            "totalBalance, 0.000001",
            "totalBalance, 99999999999999.999999",
    })
    void boundaryValuesAreAccepted(String field, String value) {
        Actor issuer = actors.register();
        Map<String, Object> input = validInput();
        if (field.equals("totalBalance")) {
            input.put("minimumLoan", "0.000001");
        }
        input.put(field, field.equals("durationDays") ? Integer.parseInt(value) : value);

        GraphQLResponse response = graphql.mutation("pool/CreatePool", input, issuer.apiKey());

        String address = response.data("createPool.pool.address");
        assertEquals(1, poolsOf(issuer));
        GraphQLResponse stored = graphql.operation("pool/GetPool", Map.of("address", address));
        if (field.equals("durationDays")) {
            assertEquals(Integer.parseInt(value), (int) stored.data("pool.durationDays"));
        } else {
            assertEquals(new BigDecimal(value).setScale(6).toPlainString(),
                    stored.data("pool." + field));
        }
    }

    /** One field of an otherwise valid input set to a bad value. */
    record BadInput(String field, Object value) {
        @Override
        public String toString() {
            return field + " = " + (value instanceof String text ? '"' + text + '"' : String.valueOf(value));
        }
    }

    static Stream<BadInput> badInputs() {
        return Stream.of(
                new BadInput("totalBalance", "0"),
                new BadInput("totalBalance", "-5"),
                new BadInput("minimumLoan", "0"),
                new BadInput("minimumLoan", "-1"),
                new BadInput("minimumLoan", "5000.000001"),
                new BadInput("durationDays", 0),
                new BadInput("durationDays", 3651),
                new BadInput("durationDays", -1),
                new BadInput("interestRate", "100.0001"),
                new BadInput("interestRate", "-1"),
                new BadInput("interestRate", "1.23456"),
                new BadInput("txHash", "xyz"),
                new BadInput("txHash", "g".repeat(64)),
                new BadInput("txHash", "a".repeat(63)),
                new BadInput("txHash", "a".repeat(65)),
                new BadInput("poolAddress", "bad-address!"),
                new BadInput("poolAddress", "A".repeat(67)),
                new BadInput("poolAddress", ""),
                new BadInput("totalBalance", "1.0000001"),
                new BadInput("totalBalance", "1e5"),
                new BadInput("totalBalance", "NaN"),
                new BadInput("totalBalance", "Infinity"),
                new BadInput("totalBalance", 1.5),
                new BadInput("interestRate", 1.5),
                new BadInput("minimumLoan", "1E2"),
                new BadInput("totalBalance", "123456789012345"),
                new BadInput("totalBalance", null),
                new BadInput("durationDays", 1.5),
                new BadInput("durationDays", "30"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsRefusedAndCreatesNothing(BadInput bad) {
        Actor issuer = actors.register();
        Map<String, Object> input = validInput();
        input.put(bad.field(), bad.value());
        long poolsBefore = allPools();

        graphql.mutation("pool/CreatePool", input, issuer.apiKey()).singleError("BAD_USER_INPUT");

        assertEquals(0, poolsOf(issuer));
        assertEquals(0, (int) graphql.operation("user/GetUser", Map.of("address", issuer.address()))
                .data("user.pools.totalCount"));
        assertEquals(poolsBefore, allPools());
    }

    @Test
    void aDuplicatePoolAddressIsAConflictAndLeavesTheFirstPoolAlone() {
        Actor first = actors.register();
        Actor second = actors.register();
        String address = "Dup" + Fixtures.newObjectId().substring(0, 30);
        graphql.mutation("pool/CreatePool", withAddress(address), first.apiKey()).data("createPool.pool.address");
        long poolsBefore = allPools();

        Map<String, Object> other = withAddress(address);
        other.put("totalBalance", "9000");
        graphql.mutation("pool/CreatePool", other, second.apiKey()).singleError("CONFLICT", "DUPLICATE");

        graphql.mutation("pool/CreatePool", withAddress(address), first.apiKey())
                .singleError("CONFLICT", "DUPLICATE");

        assertEquals(0, poolsOf(second));
        assertEquals(1, poolsOf(first));
        assertEquals(poolsBefore, allPools());
        GraphQLResponse stored = graphql.operation("pool/GetPool", Map.of("address", address));
        assertEquals(first.address(), stored.data("pool.issuer.address"));
        assertEquals("5000.000000", stored.data("pool.totalBalance"));
    }

    @Test
    void anAnonymousCallerCannotCreateAPool() {
        long poolsBefore = allPools();
        graphql.mutation("pool/CreatePool", validInput(), null).singleError("UNAUTHENTICATED");
        assertEquals(poolsBefore, allPools());
    }

    @Test
    void theBootstrapAdminKeyActsAsNoUserAndCannotCreateAPool() {
        long poolsBefore = allPools();
        graphql.mutation("pool/CreatePool", validInput(), Actors.ADMIN_KEY).singleError("FORBIDDEN");
        assertEquals(poolsBefore, allPools());
    }

    private static Map<String, Object> validInput() {
        return input("totalBalance", "5000", "minimumLoan", "100", "durationDays", 30, "interestRate", "7.5");
    }

    private static Map<String, Object> withAddress(String address) {
        Map<String, Object> input = validInput();
        input.put("poolAddress", address);
        return input;
    }


    private int poolsOf(Actor issuer) {
        return graphql.operation("pool/ListPools", Map.of("filter", Map.of("issuerAddress", issuer.address())))
                .data("pools.totalCount");
    }

    private long allPools() {
        return ((Number) graphql.operation("pool/ListPools", Map.of()).data("pools.totalCount")).longValue();
    }
}
