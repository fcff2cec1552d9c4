package io.lendx.auth;

import org.xrpl.xrpl4j.codec.addresses.KeyType;
import org.xrpl.xrpl4j.codec.addresses.UnsignedByteArray;
import org.xrpl.xrpl4j.crypto.keys.KeyPair;
import org.xrpl.xrpl4j.crypto.keys.PublicKey;
import org.xrpl.xrpl4j.crypto.signing.Signature;
import org.xrpl.xrpl4j.crypto.signing.bc.BcSignatureService;

import java.util.HexFormat;

/**
 * Signs and verifies a message as XRPL wallets do (ripple-keypairs' {@code sign}/{@code verify}),
 * with xrpl4j's BouncyCastle signature service, which keeps these message-level operations
 * protected for transaction signing. The service only verifies; signing is for the wallet
 * command and tests: the service never holds a wallet's private key.
 */
public final class WalletMessages extends BcSignatureService {

    private static final WalletMessages SERVICE = new WalletMessages();

    private WalletMessages() {
    }

    /** The signature of {@code message}, upper-case hex. */
    public static String sign(KeyPair keys, byte[] message) {
        UnsignedByteArray bytes = UnsignedByteArray.of(message);
        return HexFormat.of().withUpperCase().formatHex((keys.publicKey().keyType() == KeyType.ED25519
                ? SERVICE.edDsaSign(keys.privateKey(), bytes) : SERVICE.ecDsaSign(keys.privateKey(), bytes))
                .value().toByteArray());
    }

    /** Whether {@code signature} is {@code key}'s of {@code message}; a key or signature that is not well formed is not. */
    static boolean verify(PublicKey key, byte[] message, Signature signature) {
        UnsignedByteArray bytes = UnsignedByteArray.of(message);
        try {
            return key.keyType() == KeyType.ED25519 ? SERVICE.edDsaVerify(key, bytes, signature)
                    : SERVICE.ecDsaVerify(key, bytes, signature);
        } catch (RuntimeException malformed) {
            return false;
        }
    }
}
