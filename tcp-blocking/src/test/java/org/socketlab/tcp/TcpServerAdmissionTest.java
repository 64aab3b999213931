package org.socketlab.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** maxConnections: admission is decided on the accept thread, in accept order. */
@Timeout(30)
class TcpServerAdmissionTest {

    private static final byte[] BUSY = "busy\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void connectionPastTheLimit_goesToTheOverflowHandler_andTheSlotFreesOnClose() throws IOException {
        try (TcpServer server = TcpServer.builder()
                .handler(new EchoHandler())
                .maxConnections(1, socket -> socket.getOutputStream().write(BUSY))
                .start()) {
            try (Socket first = connect(server)) {
                assertThat(echo(first, "one")).as("the first connection is served").isEqualTo("one");
                try (Socket second = connect(server)) {
                    assertThat(second.getInputStream().readAllBytes())
                            .as("the second connection, while the first is open, is refused")
                            .isEqualTo(BUSY);
                }
                assertThat(echo(first, "still here")).isEqualTo("still here");
            }
            // The first connection's slot is released when its handler returns; the refused
            // one never held a slot. A new connection is served once that has happened.
            assertThat(echoWithRetry(server, "three")).isEqualTo("three");
        }
    }

    @Test
    void zeroMeansUnlimited() throws IOException {
        try (TcpServer server = TcpServer.builder().handler(new EchoHandler())
                .maxConnections(0, socket -> socket.getOutputStream().write(BUSY)).start();
             Socket a = connect(server);
             Socket b = connect(server)) {
            assertThat(echo(a, "a")).isEqualTo("a");
            assertThat(echo(b, "b")).isEqualTo("b");
        }
    }

    private static Socket connect(TcpServer server) throws IOException {
        Socket socket = new Socket(server.localAddress().getAddress(), server.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String echo(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes);
        out.flush();
        InputStream in = socket.getInputStream();
        return new String(in.readNBytes(bytes.length), StandardCharsets.UTF_8);
    }

    /** The released slot becomes visible when the first handler has returned: retry, bounded. */
    private static String echoWithRetry(TcpServer server, String text) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Socket socket = connect(server)) {
                String answer = echo(socket, text);
                if (answer.equals(text) || System.nanoTime() > deadline) {
                    return answer;
                }
            }
        }
    }
}
