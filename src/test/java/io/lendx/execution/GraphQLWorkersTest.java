package io.lendx.execution;

import io.micronaut.core.convert.ConversionService;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.netty.body.AvailableNettyByteBody;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertSame;

class GraphQLWorkersTest {

    private final GraphQLWorkers workers = new GraphQLWorkers();

    @AfterEach
    void close() {
        workers.close();
    }

    @Test
    void aRequestsWorkRunsOnTheEventLoopOfItsConnection() {
        EmbeddedChannel connection = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
        try {
            NettyHttpRequest<?> request = new NettyHttpRequest<>(
                    new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/graphql"),
                    AvailableNettyByteBody.empty(), connection.pipeline().firstContext(),
                    ConversionService.SHARED, new HttpServerConfiguration());

            assertSame(connection.eventLoop(), workers.forRequest(request));
        } finally {
            connection.finishAndReleaseAll();
        }
    }

    @Test
    void workWithoutAConnectionRunsOnTheWorkers() {
        assertSame(workers, workers.forRequest(HttpRequest.POST("/graphql", "{}")));
    }
}
