package io.lendx.paging;

import io.lendx.error.BadUserInputException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The position of a row in an ordering: its sort value and its key. Clients see it only as an
 * opaque base64url string.
 */
public record Cursor(String ordering, String value, String key) {

    private static final String VERSION = "v1";
    private static final String SEPARATOR = "|";

    public String encode() {
        String plain = String.join(SEPARATOR, VERSION, ordering, value, key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String encoded) {
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        String[] parts = plain.split("\\|", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0]) || parts[3].isEmpty()) {
            throw malformed();
        }
        return new Cursor(parts[1], parts[2], parts[3]);
    }

    private static BadUserInputException malformed() {
        return new BadUserInputException("The cursor is malformed");
    }
}
