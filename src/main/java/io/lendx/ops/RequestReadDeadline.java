package io.lendx.ops;

import io.lendx.graphql.ApiErrors;
import io.lendx.error.ErrorCode;
import io.lendx.http.JsonBody;
import io.lendx.http.RequestIdFilter;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A request must arrive whole, head and body, within {@code lendx.http.request-read-timeout} of
 * its first byte; otherwise it is answered 408 and its connection closed. The idle timeout alone
 * let a client that sends one byte every few seconds hold a connection for as long as it liked.
 * Between requests a kept-alive connection is left to the idle timeout.
 */
@Singleton
public class RequestReadDeadline implements BeanCreatedEventListener<ChannelPipelineCustomizer> {

    private static final Logger LOG = LoggerFactory.getLogger(RequestReadDeadline.class);
    private static final String FIRST_BYTE = "lendx-request-first-byte";
    private static final String LAST_BYTE = "lendx-request-last-byte";

    private final Duration timeout;
    private final JsonBody json;

    public RequestReadDeadline(@Value("${lendx.http.request-read-timeout:10s}") Duration timeout, JsonBody json) {
        this.timeout = timeout;
        this.json = json;
    }

    @Override
    public ChannelPipelineCustomizer onCreated(BeanCreatedEvent<ChannelPipelineCustomizer> event) {
        ChannelPipelineCustomizer customizer = event.getBean();
        if (customizer.isServerChannel()) {
            customizer.doOnConnect(this::watch);
        }
        return customizer;
    }

    private ChannelPipeline watch(ChannelPipeline pipeline) {
        // HTTP/1.1 only: the codec is where bytes become requests.
        if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
                && pipeline.get(FIRST_BYTE) == null) {
            Clock clock = new Clock();
            pipeline.addBefore(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, FIRST_BYTE, clock.firstByte);
            pipeline.addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, LAST_BYTE, clock.lastByte);
        }
        return pipeline;
    }

    /** One connection's clock: started by the raw bytes of a request, stopped by its decoded end. */
    private final class Clock {

        private ScheduledFuture<?> expiry;
        /** Upgraded to a WebSocket: frames follow, no more requests, and the socket times its own. */
        private boolean upgraded;

        private final ChannelInboundHandlerAdapter firstByte = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (!upgraded && expiry == null && msg instanceof ByteBuf bytes && bytes.isReadable()) {
                    expiry = ctx.executor().schedule(() -> expire(ctx), timeout.toNanos(), TimeUnit.NANOSECONDS);
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                stop();
                ctx.fireChannelInactive();
            }
        };

        private final ChannelInboundHandlerAdapter lastByte = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpRequest request
                        && HttpHeaderValues.WEBSOCKET.contentEqualsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE))) {
                    upgraded = true;
                }
                if (msg instanceof LastHttpContent) {
                    stop();
                }
                ctx.fireChannelRead(msg);
            }
        };

        private void stop() {
            if (expiry != null) {
                expiry.cancel(false);
                expiry = null;
            }
        }

        private void expire(ChannelHandlerContext ctx) {
            expiry = null;
            String requestId = RequestIdFilter.newId();
            LOG.warn("Request from {} not received within {} ms; closing the connection (request id {})",
                    ctx.channel().remoteAddress(), timeout.toMillis(), requestId);
            ByteBuf body = json.write(ApiErrors.body(ErrorCode.BAD_USER_INPUT, "The request did not arrive in full within "
                    + timeout.toMillis() + " ms", requestId, "REQUEST_TIMEOUT"));
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUEST_TIMEOUT, body);
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                    .set("X-Request-Id", requestId);
            // From just above the codec, which encodes it: Micronaut's handlers are still waiting for the body.
            ctx.pipeline().context(LAST_BYTE).writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
