package io.lendx.ops;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyEmbeddedServer;
import jakarta.inject.Singleton;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * Makes stopping the HTTP server drain it first. Micronaut 4.8's server closes every
 * connection at once on stop (graceful shutdown arrived in 4.9, which this platform predates),
 * so its stop is wrapped: wait for the requests in flight, then stop.
 */
@Singleton
public class GracefulShutdown implements BeanCreatedEventListener<NettyEmbeddedServer> {

    private final InFlightRequests requests;

    public GracefulShutdown(InFlightRequests requests) {
        this.requests = requests;
    }

    @Override
    public NettyEmbeddedServer onCreated(BeanCreatedEvent<NettyEmbeddedServer> event) {
        NettyEmbeddedServer server = event.getBean();
        return (NettyEmbeddedServer) Proxy.newProxyInstance(NettyEmbeddedServer.class.getClassLoader(),
                new Class<?>[]{NettyEmbeddedServer.class}, (proxy, method, args) -> {
                    if ("stop".equals(method.getName()) && method.getParameterCount() == 0 && server.isRunning()) {
                        requests.drain();
                    }
                    try {
                        Object result = method.invoke(server, args);
                        return result == server ? proxy : result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
