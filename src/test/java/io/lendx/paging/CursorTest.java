package io.lendx.paging;

import io.lendx.error.BadUserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cursors travel as opaque url-safe strings and refuse anything they did not make. No application context. */
class CursorTest {

    @Test
    void decodesWhatItEncodes() {
        Cursor cursor = new Cursor("pools.CREATED_AT:ASC", "2026-01-02T03:04:05.123456Z", "rPoolKey");

        String encoded = cursor.encode();

        assertTrue(encoded.matches("[A-Za-z0-9_-]+"), encoded);
        assertEquals(cursor, Cursor.decode(encoded));
    }

    @Test
    void keepsAnEmptySortValue() {
        Cursor cursor = new Cursor("users.DID:ASC", "", "rUser");

        assertEquals(cursor, Cursor.decode(cursor.encode()));
    }

    @ParameterizedTest
    @MethodSource("notCursors")
    void refusesWhatItDidNotMake(String encoded) {
        BadUserInputException refused = assertThrows(BadUserInputException.class, () -> Cursor.decode(encoded));

        assertEquals("The cursor is malformed", refused.getMessage());
    }

    static Stream<String> notCursors() {
        return Stream.concat(Stream.of("not base64 at all!", ""),
                Stream.of("v1|only|two", "v2|ord|value|key", "v1|ord|value|", "v1|a|b|c|d")
                        .map(plain -> Base64.getUrlEncoder().withoutPadding()
                                .encodeToString(plain.getBytes(StandardCharsets.UTF_8))));
    }
}
