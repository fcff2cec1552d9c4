package io.lendx.ratelimit;

import io.lendx.support.Actors;
import io.lendx.support.DatabaseTest;
import io.lendx.support.GraphQLHttp;
import io.lendx.support.GraphQLHttp.Reply;
import io.lendx.support.Wallets;
import io.lendx.support.Wallets.Wallet;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.lendx.support.GraphQLHttp.GRAPHQL_RESPONSE_JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Failed wallet proofs lock the client address out like bad API keys (a context of its own: a lockout lasts). */
@MicronautTest(transactional = false)
class WalletProofLockoutTest extends DatabaseTest {

    @Inject
    GraphQLHttp http;
    @Inject
    Actors actors;

    @Override
    public Map<String, String> getProperties() {
        return LockoutTest.lockingOutAfterThreeFailures(super.getProperties());
    }

    @Test
    void failedWalletProofsCountTowardsTheLockout() {
        Wallet wallet = Wallets.ed25519();
        actors.registerWallet(wallet);
        String challenge = actors.challenge(wallet.address());
        String signIn = "mutation($i: SignInInput!) { signIn(input: $i) { apiKey } }";

        for (int i = 1; i <= 4; i++) {
            http.post(signIn, Map.of("i", Map.of("address", wallet.address(), "publicKey", wallet.publicKey(),
                            "signature", wallet.sign(challenge + i), "challenge", challenge)), null, GRAPHQL_RESPONSE_JSON)
                    .graphql().singleError("UNAUTHENTICATED", "INVALID_SIGNATURE");
        }

        Reply locked = http.post(signIn, Map.of("i", Map.of("address", wallet.address(), "publicKey",
                wallet.publicKey(), "signature", wallet.sign(challenge), "challenge", challenge)), null,
                GRAPHQL_RESPONSE_JSON);
        assertEquals(429, locked.status(), "even a valid proof waits out the lockout: " + locked);
        locked.graphql().singleError("RATE_LIMITED");
    }
}
