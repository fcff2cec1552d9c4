package io.lendx.ops;

import io.lendx.support.DatabaseTest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that trickles a request in does not hold its connection open: one that stops is cut
 * off at the idle timeout (1 s here), one that keeps sending a byte at a time at the request
 * read timeout (2 s here), with a 408 in the usual error shape.
 */
@MicronautTest(transactional = false)
class SlowClientTest extends DatabaseTest {

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("micronaut.server.idle-timeout", "1s");
        properties.put("lendx.http.request-read-timeout", "2s");
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

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a body, one byte every 300 ms | POST /graphql HTTP/1.1\\r\\nHost: localhost\\r\\nContent-Type: application/json\\r\\nContent-Length: 1000\\r\\n\\r\\n",
            "headers, one byte every 300 ms | POST /graphql HTTP/1.1\\r\\n"})
    void aRequestThatKeepsTricklingInIsAnswered408AtTheReadDeadline(String trickled, String head) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
            socket.setSoTimeout(300);
            OutputStream out = socket.getOutputStream();
            out.write(head.replace("\\r\\n", "\r\n").getBytes(StandardCharsets.US_ASCII));
            long started = System.nanoTime();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            // Under the idle timeout between bytes, so only the read deadline can end it.
            while (answer.size() == 0 && System.nanoTime() - started < 10_000_000_000L) {
                out.write('x');
                out.flush();
                readAvailable(socket.getInputStream(), answer);
            }
            long heldMillis = (System.nanoTime() - started) / 1_000_000;

            String response = answer.toString(StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 408 "), response);
            assertTrue(response.contains("\"code\":\"BAD_USER_INPUT\"") && response.contains("\"REQUEST_TIMEOUT\""),
                    response);
            assertTrue(heldMillis >= 1_900 && heldMillis < 5_000, () -> "held " + heldMillis + " ms");
        }
    }

    /** Whatever the server sends until it closes the connection or pauses for the socket's timeout. */
    private static void readAvailable(InputStream in, ByteArrayOutputStream into) throws IOException {
        byte[] buffer = new byte[4096];
        try {
            int read;
            while ((read = in.read(buffer)) != -1) {
                into.write(buffer, 0, read);
            }
        } catch (SocketTimeoutException | SocketException pausedOrClosed) {
            // Nothing more for now; the caller decides whether to go on.
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
