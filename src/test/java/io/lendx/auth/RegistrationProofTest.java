package io.lendx.auth;

import io.lendx.support.DatabaseTest;
import io.lendx.support.GraphQLClient;
import io.lendx.support.GraphQLResponse;
import io.lendx.support.Wallets;
import io.lendx.support.Wallets.Wallet;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without the development switch, only the holder of a wallet can register its address. */
@MicronautTest(transactional = false)
class RegistrationProofTest extends DatabaseTest {

    private static final String REQUEST = """
            mutation($address: String!) { requestSignInChallenge(input: {address: $address}) { challenge } }""";

    @Inject
    GraphQLClient graphql;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("lendx.auth.unsigned-registration", "false");
        return properties;
    }

    @Test
    void aWalletOfEitherKindRegistersWithItsSignature() {
        for (Wallet wallet : new Wallet[]{Wallets.secp256k1(), Wallets.ed25519()}) {
            String challenge = challenge(wallet);

            GraphQLResponse registered = register(wallet.address(), wallet, challenge, wallet.sign(challenge));

            assertTrue(registered.errors().isEmpty(), registered::toString);
            assertEquals(wallet.address(), registered.data("registerUser.user.address"));
            assertEquals(1L, count("SELECT count(*) FROM users WHERE address = ?", wallet.address()));
        }
    }

    @Test
    void anAddressAloneIsNoLongerEnough() {
        String address = Wallets.ed25519().address();

        graphql.mutation("auth/RegisterUser", Map.of("address", address), null).singleError("BAD_USER_INPUT");
        assertEquals(0L, count("SELECT count(*) FROM users WHERE address = ?", address));
    }

    @Test
    void nobodyRegistersAnAddressTheyCannotSignFor() {
        Wallet victim = Wallets.secp256k1();
        Wallet thief = Wallets.secp256k1();
        String challenge = challenge(victim);

        register(victim.address(), thief, challenge, thief.sign(challenge))
                .singleError("UNAUTHENTICATED", "KEY_NOT_FOR_ADDRESS");
        assertEquals(0L, count("SELECT count(*) FROM users WHERE address = ?", victim.address()));
    }

    @Test
    void twoRegistrationsOfOneAddressWithValidProofsLetOneWin() {
        Wallet wallet = Wallets.ed25519();
        String first = challenge(wallet);
        String second = challenge(wallet);

        List<GraphQLResponse> answers = List.of(
                        CompletableFuture.supplyAsync(() -> register(wallet.address(), wallet, first, wallet.sign(first))),
                        CompletableFuture.supplyAsync(() -> register(wallet.address(), wallet, second, wallet.sign(second))))
                .stream().map(CompletableFuture::join).toList();

        assertEquals(1, answers.stream().filter(answer -> answer.errors().isEmpty()).count(), answers::toString);
        answers.stream().filter(answer -> !answer.errors().isEmpty()).findFirst().orElseThrow()
                .singleError("CONFLICT", "DUPLICATE");
        assertEquals(1L, count("SELECT count(*) FROM users WHERE address = ?", wallet.address()));
    }

    @Test
    void theDevelopmentSwitchIsRefusedInProd() {
        Map<String, Object> properties = new HashMap<>(getProperties());
        properties.put("lendx.auth.unsigned-registration", "true");

        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> ApplicationContext.run(properties, "prod").close());
        assertTrue(String.valueOf(refused.getMessage()).contains("LENDX_AUTH_UNSIGNED_REGISTRATION")
                || String.valueOf(refused.getCause()).contains("LENDX_AUTH_UNSIGNED_REGISTRATION"), refused::toString);
    }

    private String challenge(Wallet wallet) {
        return graphql.send(REQUEST, Map.of("address", wallet.address()), null).data("requestSignInChallenge.challenge");
    }

    private GraphQLResponse register(String address, Wallet signer, String challenge, String signature) {
        return graphql.mutation("auth/RegisterUser", Map.of("address", address, "publicKey", signer.publicKey(),
                "signature", signature, "challenge", challenge), null);
    }
}
