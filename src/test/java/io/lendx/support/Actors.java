package io.lendx.support;

import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * Marketplace participants created through the API itself: each registers and keeps its key,
 * and can open pools and apply for loans with plain defaults.
 */
@Singleton
public class Actors {

    /** The bootstrap admin key configured for every test context (see application-test.yml). */
    public static final String ADMIN_KEY = "test-bootstrap-admin-key-0123456789abcdef";

    private final GraphQLClient graphql;

    public Actors(GraphQLClient graphql) {
        this.graphql = graphql;
    }

    /** A registered user and its API key. */
    public record Actor(String address, String apiKey, String keyId) {
    }

    /** Registers a fresh wallet the way a client must: it signs a challenge for its address. */
    public Actor register() {
        return registerWallet(Wallets.ed25519());
    }

    public Actor registerWallet(Wallets.Wallet wallet) {
        String challenge = challenge(wallet.address());
        GraphQLResponse response = graphql.mutation("auth/RegisterUser", Map.of("address", wallet.address(),
                "publicKey", wallet.publicKey(), "signature", wallet.sign(challenge), "challenge", challenge), null);
        return new Actor(response.data("registerUser.user.address"), response.data("registerUser.apiKey"),
                response.data("registerUser.keyId"));
    }

    /** A sign-in challenge for {@code address}, to be signed by its wallet. */
    public String challenge(String address) {
        return graphql.operation("auth/RequestSignInChallenge", Map.of("address", address))
                .data("requestSignInChallenge.challenge");
    }

    /** Opens a pool: 30 days at 7.3% a year, minimum loan 100. Returns its address. */
    public String pool(Actor issuer, String totalBalance) {
        return graphql.mutation("pool/CreatePool", Map.of("totalBalance", totalBalance, "minimumLoan", "100",
                "durationDays", 30, "interestRate", "7.3"), issuer.apiKey()).data("createPool.pool.address");
    }

    /** Applies to a pool for {@code principal}. Returns the application's address. */
    public String apply(Actor borrower, String pool, String principal) {
        return graphql.mutation("application/SubmitApplication", Map.of("poolAddress", pool,
                "principal", principal), borrower.apiKey()).data("submitApplication.application.address");
    }

    /** Approves an application. Returns the loan's address. */
    public String approve(Actor issuer, String application) {
        return graphql.mutation("loan/ApproveApplication", Map.of("applicationAddress", application),
                issuer.apiKey()).data("approveApplication.loan.address");
    }

    public static Map<String, Object> input(Object... keysAndValues) {
        Map<String, Object> input = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            input.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return input;
    }

    public static BigDecimal decimal(Object value) {
        return new BigDecimal((String) value);
    }
}
