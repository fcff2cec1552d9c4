package io.lendx.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.lendx.execution.ResponseObject;
import io.micronaut.json.JsonMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a response (a GraphQL result or an error body: maps, lists, strings, numbers,
 * booleans) as JSON straight into a pooled network buffer. A nested page is hundreds of
 * kilobytes: building a String first, looking up a serializer per value and encoding the
 * String again cost more than the writing itself.
 */
@Singleton
public class JsonBody {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final int MAX_NAMES = 4096;
    private static final Map<String, SerializableString> NAMES = new ConcurrentHashMap<>();

    /** Anything else (never seen in practice) is written by the application's own mapper. */
    private final JsonMapper fallback;

    public JsonBody(JsonMapper fallback) {
        this.fallback = fallback;
    }

    /** The caller owns the buffer: it goes out as a response body, which releases it. */
    public ByteBuf write(Object body) {
        ByteBuf buffer = ByteBufAllocator.DEFAULT.buffer();
        try (JsonGenerator out = JSON.createGenerator((OutputStream) new ByteBufOutputStream(buffer))) {
            write(out, body);
        } catch (IOException | RuntimeException e) {
            buffer.release();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        return buffer;
    }

    /**
     * For a body to keep (the response cache, an ETag): the same JSON, in an array of its own,
     * written on the heap; a pooled network buffer to copy from cost more than the copy.
     */
    public byte[] bytes(Object body) {
        ExactBytes bytes = new ExactBytes();
        try (JsonGenerator out = JSON.createGenerator(bytes)) {
            write(out, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private void write(JsonGenerator out, Object value) throws IOException {
        // Exact classes first: graphql-java builds results from these, and on JDK 17 an
        // interface instanceof that misses the class's one-entry cache scans its interfaces.
        Class<?> type = value == null ? null : value.getClass();
        if (type == null) {
            out.writeNull();
        } else if (type == String.class) {
            out.writeString((String) value);
        } else if (type == ResponseObject.class) {
            writeObject(out, (ResponseObject) value);
        } else if (type == LinkedHashMap.class) {
            writeObject(out, (Map<?, ?>) value);
        } else if (type == ArrayList.class) {
            writeArray(out, (List<?>) value);
        } else if (type == Boolean.class) {
            out.writeBoolean((Boolean) value);
        } else if (type == Integer.class) {
            out.writeNumber((Integer) value);
        } else if (value instanceof Map<?, ?> map) {
            writeObject(out, map);
        } else if (value instanceof List<?> list) {
            writeArray(out, list);
        } else if (value instanceof Long number) {
            out.writeNumber(number);
        } else if (value instanceof Double number) {
            out.writeNumber(number);
        } else if (value instanceof BigDecimal number) {
            out.writeNumber(number);
        } else if (value instanceof BigInteger number) {
            out.writeNumber(number);
        } else {
            out.writeRawValue(fallback.writeValueAsString(value));
        }
    }

    private void writeObject(JsonGenerator out, Map<?, ?> map) throws IOException {
        out.writeStartObject();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            out.writeFieldName(String.valueOf(entry.getKey()));
            write(out, entry.getValue());
        }
        out.writeEndObject();
    }

    private void writeObject(JsonGenerator out, ResponseObject object) throws IOException {
        out.writeStartObject();
        for (int i = 0, fields = object.fieldCount(); i < fields; i++) {
            out.writeFieldName(name(object.key(i)));
            write(out, object.value(i));
        }
        out.writeEndObject();
    }

    /**
     * A field name already quoted and encoded: a page repeats a few dozen names thousands of
     * times. Names come from clients' documents, so only the first {@link #MAX_NAMES} are kept.
     */
    private static SerializableString name(String key) {
        SerializableString name = NAMES.get(key);
        if (name == null) {
            name = new SerializedString(key);
            if (NAMES.size() < MAX_NAMES) {
                NAMES.putIfAbsent(key, name);
            }
        }
        return name;
    }

    private void writeArray(JsonGenerator out, List<?> list) throws IOException {
        out.writeStartArray();
        for (Object item : list) {
            write(out, item);
        }
        out.writeEndArray();
    }
}
