package io.lendx.auth;

import io.lendx.auth.WalletSignatures.Outcome;
import io.lendx.error.BadUserInputException;
import io.lendx.support.Wallets;
import io.lendx.support.Wallets.Wallet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Wallet signatures in XRPL's conventions, without a database. */
class WalletSignaturesTest {

    /** Signed by ripple-keypairs 2.0.0: {@code sign(messageHex, deriveKeypair(seed).privateKey)}. */
    private static final byte[] VECTOR_MESSAGE = "lendx sign-in challenge vector".getBytes(StandardCharsets.UTF_8);
    private static final String SECP_SEED_ADDRESS = "rU6K7V3Po4snVhBBaU29sesqs2qTQJWDw1"; // sp5fghtJtpUorTwvof1NpDXAzNwf5
    private static final String SECP_KEY = "030D58EB48B4420B1F7B9DF55087E0E29FEF0E8468F9A6825B01CA2C361042D435";
    private static final String SECP_SIGNATURE = "304402203F446CC04D5ED151D89DD3B137E9EE48B9CFC7057875FC95C90C9895E42A"
            + "61600220198719CEF9E6509534EFC3E7FAAB40206D653C501D240EF7630700294806D867";
    private static final String ED_SEED_ADDRESS = "r9zRhGr7b6xPekLvT6wP4qNdWMryaumZS7"; // sEdSJHS4oiAdz7w2X2ni1gFiqtbJHqE
    private static final String ED_KEY = "ED1A7C082846CFF58FF9A892BA4BA2593151CCF1DBA59F37714CC9ED39824AF85F";
    private static final String ED_SIGNATURE = "31869D7EE7613263D9D493A60991041CD30813FB3FA4DF3DE6542B496808FAE0AE85A4"
            + "E5429BDD4C0FAF38F44DBB518F82DC60F95F6C9F33D932195D43E4B50E";

    private final WalletSignatures signatures = new WalletSignatures();

    @Test
    void signaturesMadeByRippleKeypairsAreValid() {
        assertEquals(Outcome.VALID, signatures.verify(SECP_SEED_ADDRESS, SECP_KEY, SECP_SIGNATURE, VECTOR_MESSAGE));
        assertEquals(Outcome.VALID, signatures.verify(ED_SEED_ADDRESS, ED_KEY, ED_SIGNATURE, VECTOR_MESSAGE));
        assertEquals(Outcome.VALID, signatures.verify(ED_SEED_ADDRESS, ED_KEY.toLowerCase(),
                ED_SIGNATURE.toLowerCase(), VECTOR_MESSAGE), "hex in either case");
    }

    @Test
    void freshKeyPairsOfBothKindsVerifyAndAnotherMessageDoesNot() {
        for (Wallet wallet : new Wallet[]{Wallets.secp256k1(), Wallets.ed25519()}) {
            String text = "challenge for " + wallet.address();
            String signature = wallet.sign(text);

            assertEquals(Outcome.VALID, signatures.verify(wallet.address(), wallet.publicKey(), signature,
                    text.getBytes(StandardCharsets.UTF_8)));
            assertEquals(Outcome.INVALID_SIGNATURE, signatures.verify(wallet.address(), wallet.publicKey(),
                    signature, "another message".getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void aKeyThatDoesNotDeriveTheAddressIsRefused() {
        assertEquals(Outcome.KEY_NOT_FOR_ADDRESS,
                signatures.verify(ED_SEED_ADDRESS, SECP_KEY, SECP_SIGNATURE, VECTOR_MESSAGE));
    }

    @Test
    void aSignatureOfAnotherKeyOrGarbageIsInvalid() {
        assertEquals(Outcome.INVALID_SIGNATURE,
                signatures.verify(SECP_SEED_ADDRESS, SECP_KEY, ED_SIGNATURE, VECTOR_MESSAGE));
        assertEquals(Outcome.INVALID_SIGNATURE,
                signatures.verify(ED_SEED_ADDRESS, ED_KEY, "00".repeat(64), VECTOR_MESSAGE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "zz", "03ABC", "04" + "00000000000000000000000000000000000000000000000000000000000000000"})
    void aMalformedKeyIsBadInput(String key) {
        assertThrows(BadUserInputException.class,
                () -> signatures.verify(SECP_SEED_ADDRESS, key, SECP_SIGNATURE, VECTOR_MESSAGE));
    }

    @Test
    void aMalformedSignatureIsBadInput() {
        assertThrows(BadUserInputException.class,
                () -> signatures.verify(SECP_SEED_ADDRESS, SECP_KEY, "not hex", VECTOR_MESSAGE));
    }
}
