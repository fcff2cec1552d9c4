package io.lendx.auth;

import io.lendx.error.BadUserInputException;
import jakarta.inject.Singleton;
import org.xrpl.xrpl4j.codec.addresses.UnsignedByteArray;
import org.xrpl.xrpl4j.crypto.keys.PublicKey;
import org.xrpl.xrpl4j.crypto.signing.Signature;

import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Whether a wallet signed a message, in the convention XRPL tooling uses (ripple-keypairs'
 * {@code sign(messageHex, privateKey)} / {@code verify}): a secp256k1 key (33 bytes, compressed,
 * hex) signs the SHA-512Half of the message with ECDSA, DER-encoded; an ed25519 key ({@code ED}
 * + 32 bytes, hex) signs the message itself. xrpl4j's BouncyCastle signature service does the
 * cryptography, and xrpl4j derives the classic address a key belongs to
 * (RIPEMD-160(SHA-256(key)), base58check).
 */
@Singleton
public class WalletSignatures {

    public enum Outcome {
        VALID,
        /** The public key does not derive the address it claims to speak for. */
        KEY_NOT_FOR_ADDRESS,
        INVALID_SIGNATURE
    }

    private static final Pattern SECP256K1_KEY = Pattern.compile("(02|03)[0-9A-Fa-f]{64}");
    private static final Pattern ED25519_KEY = Pattern.compile("(ED|ed)[0-9A-Fa-f]{64}");
    /** DER-encoded ECDSA (at most 72 bytes) or a 64-byte ed25519 signature, as hex. */
    private static final Pattern SIGNATURE = Pattern.compile("([0-9A-Fa-f]{2}){8,72}");

    /** Malformed hex is the caller's mistake ({@code BAD_USER_INPUT}); a wrong key or signature is not. */
    public Outcome verify(String address, String publicKeyHex, String signatureHex, byte[] message) {
        if (publicKeyHex == null || !(SECP256K1_KEY.matcher(publicKeyHex).matches()
                || ED25519_KEY.matcher(publicKeyHex).matches())) {
            throw new BadUserInputException("publicKey must be a secp256k1 key (66 hex digits, 02… or 03…)"
                    + " or an ed25519 key (ED and 64 hex digits)");
        }
        if (signatureHex == null || !SIGNATURE.matcher(signatureHex).matches()) {
            throw new BadUserInputException("signature must be hex: a DER-encoded ECDSA or a 64-byte ed25519 signature");
        }
        PublicKey key = PublicKey.fromBase16EncodedPublicKey(publicKeyHex.toUpperCase());
        if (!key.deriveAddress().value().equals(address)) {
            return Outcome.KEY_NOT_FOR_ADDRESS;
        }
        Signature signature = Signature.of(UnsignedByteArray.of(HexFormat.of().parseHex(signatureHex)));
        return WalletMessages.verify(key, message, signature) ? Outcome.VALID : Outcome.INVALID_SIGNATURE;
    }
}
