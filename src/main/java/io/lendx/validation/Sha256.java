package io.lendx.validation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 (API key hashes, idempotency request hashes, address checksums). */
public final class Sha256 {

    /**
     * A digest per thread, reset by each {@code digest}: {@code MessageDigest.getInstance} looks the
     * algorithm up among the security providers every time, which costs more than hashing a key
     * (every request with an API key hashes it).
     */
    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(Sha256::newDigest);

    private Sha256() {
    }

    public static byte[] of(byte[] bytes) {
        return DIGESTS.get().digest(bytes);
    }

    /** Of the text's UTF-8 bytes. */
    public static byte[] of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Of the text's UTF-8 bytes, as lowercase hex. */
    public static String hex(String text) {
        return HexFormat.of().formatHex(of(text));
    }
}
