package io.lendx.http;

import io.micronaut.buffer.netty.NettyByteBufferFactory;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.MutableHeaders;
import io.micronaut.http.ByteBodyHttpResponse;
import io.micronaut.http.ByteBodyHttpResponseWrapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.body.ByteBodyFactory;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.body.ResponseBodyWriter;
import io.micronaut.http.codec.CodecException;
import io.netty.buffer.ByteBuf;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Hands a GraphQL response body, already written into a network buffer ({@link JsonBody}), to
 * Netty as it is: Micronaut 4.8's own writer for {@code ByteBuf} copies it through an 8 KiB array
 * into a second buffer, a sixteenth of a small query's allocation. Micronaut sets the route's
 * writer on the response after the controller returns, so this one is set by a response filter
 * (on every path: {@link RequestPaths}; only GraphQL answers are network buffers).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class ByteBufBodyWriter implements ResponseBodyWriter<ByteBuf> {

    @ResponseFilter
    @SuppressWarnings("unchecked")
    public void writeDirectly(MutableHttpResponse<?> response) {
        if (response.body() instanceof ByteBuf) {
            ((MutableHttpResponse<ByteBuf>) response).bodyWriter(this);
        }
    }

    @Override
    public ByteBodyHttpResponse<?> write(ByteBodyFactory bodies, HttpRequest<?> request,
                                         MutableHttpResponse<ByteBuf> response, Argument<ByteBuf> type,
                                         MediaType mediaType, ByteBuf body) {
        return ByteBodyHttpResponseWrapper.wrap(response, writePiece(bodies, request, response, type, mediaType, body));
    }

    /** The body takes the buffer over: Netty releases it once written. */
    @Override
    public CloseableByteBody writePiece(ByteBodyFactory bodies, HttpRequest<?> request, HttpResponse<?> response,
                                        Argument<ByteBuf> type, MediaType mediaType, ByteBuf body) {
        return bodies.adapt(NettyByteBufferFactory.DEFAULT.wrap(body));
    }

    /** Where Micronaut wants a stream instead (not on the server's path): a copy, then the release. */
    @Override
    public void writeTo(Argument<ByteBuf> type, MediaType mediaType, ByteBuf body, MutableHeaders headers,
                        OutputStream out) {
        try {
            body.readBytes(out, body.readableBytes());
        } catch (IOException e) {
            throw new CodecException("Failed to write the response body", e);
        } finally {
            body.release();
        }
    }
}
