package io.lendx.cache;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EntityTagsTest {

    private static final byte[] PAGE = "{\"data\":{\"pools\":{\"totalCount\":100}}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theSameBytesGetTheSameQuotedTag() {
        String tag = EntityTags.of(PAGE);
        assertEquals(tag, EntityTags.of(PAGE.clone()));
        assertTrue(tag.matches("\"[A-Za-z0-9_-]{22}\""), tag);
    }

    @Test
    void everyOneByteChangeChangesTheTag() {
        Set<String> tags = new HashSet<>();
        tags.add(EntityTags.of(PAGE));
        for (int i = 0; i < PAGE.length; i++) {
            byte[] changed = PAGE.clone();
            changed[i] ^= 1;
            tags.add(EntityTags.of(changed));
        }
        assertEquals(PAGE.length + 1, tags.size());
    }

    @Test
    void anAnswerOneByteLongerIsAnotherAnswer() {
        byte[] longer = new byte[PAGE.length + 1];
        System.arraycopy(PAGE, 0, longer, 0, PAGE.length);
        assertNotEquals(EntityTags.of(PAGE), EntityTags.of(longer));
    }
}
