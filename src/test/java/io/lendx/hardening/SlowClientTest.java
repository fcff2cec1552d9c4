package io.lendx.hardening;

import io.lendx.support.DatabaseTest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client that trickles a request in and stops does not hold its connection open. */
@MicronautTest(transactional = false)
class SlowClientTest extends DatabaseTest {

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("micronaut.server.idle-timeout", "1s");
        return properties;
    }

    /** The probe's slowloris: Content-Length 1000, three bytes sent, then nothing. */
    @Test
    void aRequestBodyThatStopsComingIsCutOff() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /graphql HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"q")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            long sent = System.nanoTime();

            assertEquals(-1, readUntilClosed(socket.getInputStream()), "the server closed the connection");
            long heldMillis = (System.nanoTime() - sent) / 1_000_000;
            assertTrue(heldMillis < 5_000, () -> "held " + heldMillis + " ms with a 1 s idle timeout");
        }
    }

    private static int readUntilClosed(InputStream in) throws IOException {
        try {
            int read;
            do {
                read = in.read();
            } while (read != -1);
            return read;
        } catch (SocketTimeoutException e) {
            return 0;
        }
    }
}
