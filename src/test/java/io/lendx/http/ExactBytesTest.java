package io.lendx.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.micronaut.json.JsonMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExactBytesTest {

    @Test
    void oneWriteIsKeptAsExactlyItsBytes() {
        ExactBytes out = new ExactBytes();
        out.write("[{\"x\":1}]--".getBytes(), 0, 9);
        byte[] bytes = out.toByteArray();
        assertEquals(9, bytes.length);
        assertEquals("[{\"x\":1}]", new String(bytes));
    }

    @Test
    void chunksAndSingleBytesAreJoinedInOrder() {
        ExactBytes out = new ExactBytes();
        out.write("abc".getBytes(), 0, 3);
        out.write('d');
        out.write("xxefg".getBytes(), 2, 3);
        out.write(new byte[0], 0, 0);
        assertEquals("abcdefg", new String(out.toByteArray()));
    }

    @Test
    void nothingWrittenIsAnEmptyArray() {
        assertEquals(0, new ExactBytes().toByteArray().length);
    }

    @Test
    void aGeneratorsAnswerLargerThanItsBufferComesOutWhole() throws IOException {
        JsonFactory json = JsonFactory.builder().build();
        ExactBytes exact = new ExactBytes();
        ByteArrayOutputStream reference = new ByteArrayOutputStream();
        for (var target : List.of(exact, reference)) {
            try (JsonGenerator out = json.createGenerator(target)) {
                out.writeStartArray();
                for (int i = 0; i < 5_000; i++) {
                    out.writeString("item " + i);
                }
                out.writeEndArray();
            }
        }
        byte[] expected = reference.toByteArray();
        assertTrue(expected.length > 3 * 8_000, "several of the generator's buffers");
        assertArrayEquals(expected, exact.toByteArray());
    }

    @Test
    void aKeptBodyIsTheSameJsonAsTheOneSent() {
        JsonBody body = new JsonBody(JsonMapper.createDefault());
        Map<String, Object> data = new LinkedHashMap<>();
        List<Object> pools = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            pools.add(Map.of("address", "pool-" + i, "interestRate", "0.0" + i));
        }
        data.put("pools", Map.of("nodes", pools, "totalCount", 500));
        Map<String, Object> answer = Map.of("data", data);
        ByteBuf sent = body.write(answer);
        try {
            assertArrayEquals(ByteBufUtil.getBytes(sent), body.bytes(answer));
        } finally {
            sent.release();
        }
    }
}
