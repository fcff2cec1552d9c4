package io.lendx.http;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.body.CloseableAvailableByteBody;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.netty.body.NettyByteBodyFactory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A GraphQL response's buffer goes to Netty as it is, not copied. */
class ByteBufBodyWriterTest {

    private final ByteBufBodyWriter writer = new ByteBufBodyWriter();

    @Test
    void theBodyIsTheBufferItself() {
        ByteBuf buffer = ByteBufAllocator.DEFAULT.buffer();
        buffer.writeCharSequence("{\"data\":{}}", StandardCharsets.UTF_8);
        CloseableByteBody body = writer.writePiece(new NettyByteBodyFactory(new EmbeddedChannel()), null,
                HttpResponse.ok(), Argument.of(ByteBuf.class), MediaType.APPLICATION_JSON_TYPE, buffer);

        assertEquals(1, buffer.refCnt(), "a copy would have released the buffer already");
        Object handedOver = ((CloseableAvailableByteBody) body).toByteBuffer().asNativeBuffer();
        assertSame(buffer, handedOver, "the very buffer, not a copy");
        assertEquals("{\"data\":{}}", buffer.toString(StandardCharsets.UTF_8));
        buffer.release();
    }

    @Test
    void onlyBuffersAreWrittenDirectly() {
        MutableHttpResponse<ByteBuf> buffered = HttpResponse.ok(ByteBufAllocator.DEFAULT.buffer());
        MutableHttpResponse<String> text = HttpResponse.ok("text");

        writer.writeDirectly(buffered);
        writer.writeDirectly(text);

        assertSame(writer, buffered.getBodyWriter().orElseThrow());
        assertTrue(text.getBodyWriter().isEmpty());
        buffered.body().release();
    }
}
