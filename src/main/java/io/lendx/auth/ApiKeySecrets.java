package io.lendx.auth;

import io.lendx.validation.Sha256;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** Makes API keys (256 random bits) and the SHA-256 hashes they are stored and looked up by. */
final class ApiKeySecrets {

    private static final String PREFIX = "lx_";
    private static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {
    }

    static String newKey() {
        byte[] secret = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(secret);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    static String hash(String key) {
        return Sha256.hex(key);
    }

    /** Compares without leaking through timing how much of the key matched. */
    static boolean matches(String presented, byte[] expectedHash) {
        return MessageDigest.isEqual(Sha256.of(presented), expectedHash);
    }
}
