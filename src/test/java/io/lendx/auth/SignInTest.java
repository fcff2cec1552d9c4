package io.lendx.auth;

import io.lendx.support.DatabaseTest;
import io.lendx.support.GraphQLClient;
import io.lendx.support.GraphQLResponse;
import io.lendx.support.MutableClock;
import io.lendx.support.Wallets;
import io.lendx.support.Wallets.Wallet;
import io.lendx.validation.Sha256;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sign-in with a wallet's signature of a challenge, and every way it is refused, on the real database. */
@MicronautTest(transactional = false)
class SignInTest extends DatabaseTest {

    private static final String REQUEST = """
            mutation($address: String!) {
              requestSignInChallenge(input: {address: $address}) { challenge expiresAt }
            }""";
    private static final String SIGN_IN = """
            mutation($input: SignInInput!) { signIn(input: $input) { user { address } apiKey keyId } }""";

    @Inject
    GraphQLClient graphql;
    @Inject
    MutableClock clock;

    @Test
    void aWalletOfEitherKindSignsInAndItsNewKeyWorks() {
        for (Wallet wallet : new Wallet[]{Wallets.secp256k1(), Wallets.ed25519()}) {
            register(wallet);
            String challenge = challenge(wallet.address());

            GraphQLResponse signedIn = signIn(wallet, wallet.sign(challenge), challenge);

            assertTrue(signedIn.errors().isEmpty(), signedIn::toString);
            assertEquals(wallet.address(), signedIn.data("signIn.user.address"));
            String key = signedIn.data("signIn.apiKey");
            assertEquals(wallet.address(), graphql.send("{ viewer { address } }", Map.of(), key)
                    .data("viewer.address"), "the new key acts as the wallet's user");
        }
    }

    @Test
    void aChallengeNamesTheServiceAndTheAddressAndIsStoredOnlyAsAHash() {
        Wallet wallet = Wallets.ed25519();
        GraphQLResponse issued = graphql.send(REQUEST, Map.of("address", wallet.address()), null);
        String challenge = issued.data("requestSignInChallenge.challenge");

        assertTrue(challenge.startsWith("lendx sign-in\naddress: " + wallet.address() + "\nnonce: "), challenge);
        assertTrue(challenge.endsWith("expires: " + issued.data("requestSignInChallenge.expiresAt")), challenge);
        assertEquals(1L, count("SELECT count(*) FROM sign_in_challenges WHERE challenge_hash = ?", Sha256.hex(challenge)));
        String nonce = challenge.split("\n")[2].substring("nonce: ".length());
        assertTrue(nonce.length() >= 32, "at least 128 random bits");
        assertEquals(0L, count("SELECT count(*) FROM sign_in_challenges WHERE challenge_hash LIKE ?", "%" + nonce + "%"));
    }

    @Test
    void aUsedChallengeCannotBeReplayed() {
        Wallet wallet = registered(Wallets.secp256k1());
        String challenge = challenge(wallet.address());
        String signature = wallet.sign(challenge);
        assertTrue(signIn(wallet, signature, challenge).errors().isEmpty());

        signIn(wallet, signature, challenge).singleError("UNAUTHENTICATED", "CHALLENGE_USED");
    }

    @Test
    void twoSignInsWithOneChallengeAtOnceGiveOneKey() {
        Wallet wallet = registered(Wallets.ed25519());
        String challenge = challenge(wallet.address());
        String signature = wallet.sign(challenge);

        List<GraphQLResponse> answers = List.of(
                        CompletableFuture.supplyAsync(() -> signIn(wallet, signature, challenge)),
                        CompletableFuture.supplyAsync(() -> signIn(wallet, signature, challenge)))
                .stream().map(CompletableFuture::join).toList();

        assertEquals(1, answers.stream().filter(answer -> answer.errors().isEmpty()).count(), answers::toString);
    }

    @Test
    void anExpiredChallengeIsRefused() {
        Wallet wallet = registered(Wallets.secp256k1());
        String challenge = challenge(wallet.address());
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        signIn(wallet, wallet.sign(challenge), challenge).singleError("UNAUTHENTICATED", "CHALLENGE_EXPIRED");
    }

    @Test
    void aChallengeIssuedForAnotherAddressIsRefused() {
        Wallet owner = registered(Wallets.ed25519());
        Wallet other = registered(Wallets.ed25519());
        String challenge = challenge(owner.address());

        signIn(other, other.sign(challenge), challenge).singleError("UNAUTHENTICATED", "CHALLENGE_FOREIGN");
    }

    @Test
    void aChallengeTheServiceNeverIssuedIsRefused() {
        Wallet wallet = registered(Wallets.ed25519());
        String made = "lendx sign-in\naddress: " + wallet.address() + "\nnonce: 00\nexpires: 2099-01-01T00:00:00Z";

        signIn(wallet, wallet.sign(made), made).singleError("UNAUTHENTICATED", "CHALLENGE_UNKNOWN");
    }

    @Test
    void aWrongSignatureOrAnotherWalletsKeyIsRefusedAndAudited() {
        Wallet wallet = registered(Wallets.secp256k1());
        Wallet thief = Wallets.secp256k1();
        String challenge = challenge(wallet.address());

        signIn(wallet, wallet.sign(challenge + " "), challenge).singleError("UNAUTHENTICATED", "INVALID_SIGNATURE");
        graphql.send(SIGN_IN, Map.of("input", Map.of("address", wallet.address(), "publicKey", thief.publicKey(),
                        "signature", thief.sign(challenge), "challenge", challenge)), null)
                .singleError("UNAUTHENTICATED", "KEY_NOT_FOR_ADDRESS");

        assertEquals(2L, count("SELECT count(*) FROM audit_events WHERE action = 'signIn' AND target = ?"
                + " AND outcome = 'FAILURE' AND error_code = 'UNAUTHENTICATED'", wallet.address()));
        assertTrue(signIn(wallet, wallet.sign(challenge), challenge).errors().isEmpty(),
                "failed proofs did not spend the challenge");
    }

    @Test
    void malformedHexIsBadInputAndAnUnregisteredWalletIsNotFound() {
        Wallet wallet = Wallets.ed25519();
        String challenge = challenge(wallet.address());

        signIn(wallet, "xyz", challenge).singleError("BAD_USER_INPUT");
        signIn(wallet, wallet.sign(challenge), challenge).singleError("NOT_FOUND");
    }

    private Wallet registered(Wallet wallet) {
        register(wallet);
        return wallet;
    }

    private void register(Wallet wallet) {
        graphql.mutation("auth/RegisterUser", Map.of("address", wallet.address()), null).data("registerUser.apiKey");
    }

    private String challenge(String address) {
        return graphql.send(REQUEST, Map.of("address", address), null).data("requestSignInChallenge.challenge");
    }

    private GraphQLResponse signIn(Wallet wallet, String signature, String challenge) {
        return graphql.send(SIGN_IN, Map.of("input", Map.of("address", wallet.address(),
                "publicKey", wallet.publicKey(), "signature", signature, "challenge", challenge)), null);
    }
}
