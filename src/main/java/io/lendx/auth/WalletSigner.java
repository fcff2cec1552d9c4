package io.lendx.auth;

import org.xrpl.xrpl4j.codec.addresses.KeyType;
import org.xrpl.xrpl4j.codec.addresses.UnsignedByteArray;
import org.xrpl.xrpl4j.crypto.keys.KeyPair;
import org.xrpl.xrpl4j.crypto.signing.bc.BcSignatureService;

import java.util.HexFormat;

/**
 * Signs a message as an XRPL wallet does (ripple-keypairs' {@code sign}), with xrpl4j's own
 * signing, which it keeps protected for transactions. For the wallet command and tests: the
 * service itself never holds a wallet's private key.
 */
public final class WalletSigner extends BcSignatureService {

    private static final WalletSigner SIGNER = new WalletSigner();

    private WalletSigner() {
    }

    /** The signature of {@code message}, upper-case hex. */
    public static String sign(KeyPair keys, byte[] message) {
        UnsignedByteArray bytes = UnsignedByteArray.of(message);
        return HexFormat.of().withUpperCase().formatHex((keys.publicKey().keyType() == KeyType.ED25519
                ? SIGNER.edDsaSign(keys.privateKey(), bytes) : SIGNER.ecDsaSign(keys.privateKey(), bytes))
                .value().toByteArray());
    }
}
