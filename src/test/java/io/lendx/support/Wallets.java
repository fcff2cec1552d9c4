package io.lendx.support;

import io.lendx.auth.WalletMessages;
import org.xrpl.xrpl4j.crypto.keys.Base58EncodedSecret;
import org.xrpl.xrpl4j.crypto.keys.KeyPair;
import org.xrpl.xrpl4j.crypto.keys.Seed;

import java.nio.charset.StandardCharsets;

/** Real XRPL wallets for tests: fresh key pairs of either kind that sign as wallets do. */
public final class Wallets {

    private Wallets() {
    }

    /** A wallet: its keys and the classic address they derive. */
    public record Wallet(KeyPair keys, String address) {

        public String publicKey() {
            return keys.publicKey().base16Value();
        }

        /** The signature of {@code text}'s UTF-8 bytes, hex, as ripple-keypairs' sign(hex, privateKey) makes it. */
        public String sign(String text) {
            return WalletMessages.sign(keys, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    public static Wallet secp256k1() {
        return of(Seed.secp256k1Seed());
    }

    public static Wallet ed25519() {
        return of(Seed.ed25519Seed());
    }

    /** The wallet of a family seed (s…), such as a sample user's published test key. */
    public static Wallet fromSeed(String seed) {
        return of(Seed.fromBase58EncodedSecret(Base58EncodedSecret.of(seed)));
    }

    private static Wallet of(Seed seed) {
        KeyPair keys = seed.deriveKeyPair();
        return new Wallet(keys, keys.publicKey().deriveAddress().value());
    }
}
