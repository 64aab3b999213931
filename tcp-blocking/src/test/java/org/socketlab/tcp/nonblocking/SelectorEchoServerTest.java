package org.socketlab.tcp.nonblocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.tcp.EchoClient;

/** One thread, many sockets: the selector echo server gives back every byte, to everyone. */
@Timeout(60)
class SelectorEchoServerTest {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

    private static SelectorEchoServer start(int bufferBytes, int maxConnections) throws IOException {
        return SelectorEchoServer.start(InetAddress.getLoopbackAddress(), 0, bufferBytes, maxConnections);
    }

    private static byte[] pattern(int seed, int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (seed * 31 + i * 7);
        }
        return bytes;
    }

    private static Socket rawSocket(SelectorEchoServer server) throws IOException {
        Socket socket = new Socket();
        socket.connect(server.localAddress(), (int) CONNECT_TIMEOUT.toMillis());
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        return socket;
    }

    private static byte[] readExactly(InputStream in, int count) throws IOException {
        byte[] bytes = in.readNBytes(count);
        assertThat(bytes.length).as("bytes echoed before the stream ended").isEqualTo(count);
        return bytes;
    }

    @Test
    void aMegabyteComesBackIntact_throughPartialWritesAndBackpressure() throws Exception {
        try (SelectorEchoServer server = start(4 * 1024, 100);
             EchoClient client = EchoClient.connect(server.localAddress(), CONNECT_TIMEOUT, READ_TIMEOUT)) {
            byte[] message = pattern(1, 1 << 20);
            assertThat(client.echo(message)).isEqualTo(message);
            // (The stats are counted on the loop thread after each write returns, so they may trail
            // what the client has already read: the echo itself is the check.)
        }
    }

    @Test
    void halfClose_everyByteIsEchoedBeforeTheServersFin() throws Exception {
        try (SelectorEchoServer server = start(1024, 100);
             EchoClient client = EchoClient.connect(server.localAddress(), CONNECT_TIMEOUT, READ_TIMEOUT)) {
            byte[] message = pattern(2, 100_000);
            assertThat(client.sendAndHalfClose(message)).isEqualTo(message);
        }
    }

    @Test
    void aClientThatNeverReads_doesNotStopTheOthers() throws Exception {
        try (SelectorEchoServer server = start(16 * 1024, 100);
             Socket hog = rawSocket(server)) {
            hog.setSendBufferSize(64 * 1024);
            OutputStream hogOut = hog.getOutputStream();
            // Writes until TCP's flow control stops it: the server stopped reading this socket
            // (OP_READ off) because its echo cannot be written. The future stays blocked.
            CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
                byte[] chunk = new byte[64 * 1024];
                try {
                    for (int i = 0; i < 1024; i++) {
                        hogOut.write(chunk);
                    }
                } catch (IOException closed) {
                    // The test closes the hog at the end.
                }
            });
            for (int i = 0; i < 5; i++) {
                try (EchoClient client = EchoClient.connect(server.localAddress(), CONNECT_TIMEOUT, READ_TIMEOUT)) {
                    byte[] message = pattern(10 + i, 50_000);
                    assertThat(client.echo(message)).as("client %d while the hog floods", i).isEqualTo(message);
                }
            }
            assertThat(flood).as("the hog is held back by flow control, not buffered by the server").isNotDone();
            hog.close();
            flood.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void fiveHundredConnections_oneThread() throws Exception {
        int clients = 500;
        int threadsBefore = Thread.activeCount();
        try (SelectorEchoServer server = start(1024, 1000)) {
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < clients; i++) {
                    sockets.add(rawSocket(server));
                }
                for (int i = 0; i < clients; i++) {
                    sockets.get(i).getOutputStream().write(pattern(i, 100));
                }
                for (int i = 0; i < clients; i++) {
                    assertThat(readExactly(sockets.get(i).getInputStream(), 100)).as("client %d", i)
                            .isEqualTo(pattern(i, 100));
                }
                assertThat(server.activeConnections()).isEqualTo(clients);
                assertThat(Thread.activeCount() - threadsBefore)
                        .as("threads the server added for %d connections", clients).isLessThanOrEqualTo(2);
                assertThat(server.stats().snapshot().accepts()).isEqualTo(clients);
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void pastMaxConnections_theNextConnectionIsClosed_andTheOthersStayServed() throws Exception {
        try (SelectorEchoServer server = start(1024, 2);
             Socket first = rawSocket(server);
             Socket second = rawSocket(server)) {
            for (Socket socket : List.of(first, second)) {
                socket.getOutputStream().write(pattern(3, 10));
                assertThat(readExactly(socket.getInputStream(), 10)).isEqualTo(pattern(3, 10));
            }
            try (Socket third = rawSocket(server)) {
                assertThat(third.getInputStream().read()).as("the third connection is closed at once").isEqualTo(-1);
            }
            first.getOutputStream().write(pattern(4, 10));
            assertThat(readExactly(first.getInputStream(), 10)).isEqualTo(pattern(4, 10));
        }
    }

    @Test
    void aResetClient_endsOnlyItsOwnConnection() throws Exception {
        try (SelectorEchoServer server = start(1024, 100)) {
            Socket rude = rawSocket(server);
            rude.getOutputStream().write(pattern(5, 1000));
            rude.setSoLinger(true, 0);
            rude.close();                              // RST instead of FIN
            try (EchoClient client = EchoClient.connect(server.localAddress(), CONNECT_TIMEOUT, READ_TIMEOUT)) {
                byte[] message = pattern(6, 10_000);
                assertThat(client.echo(message)).isEqualTo(message);
            }
            assertThat(server.loopThread().isAlive()).isTrue();
        }
    }

    @Test
    void stop_closesEveryConnection_andEndsTheLoopThread() throws Exception {
        SelectorEchoServer server = start(1024, 100);
        InetSocketAddress address = server.localAddress();
        try (Socket client = rawSocket(server)) {
            client.getOutputStream().write(1);
            assertThat(client.getInputStream().read()).isEqualTo(1);
            assertThat(server.stop(Duration.ofSeconds(5))).isTrue();
            assertThat(client.getInputStream().read()).as("the server closed the connection").isEqualTo(-1);
        }
        assertThat(server.loopThread().isAlive()).isFalse();
        try (Socket late = new Socket()) {
            assertThatThrownBy(() -> late.connect(address, 1000)).as("connect after stop")
                    .isInstanceOf(IOException.class).hasMessageContaining("refused");
        }
    }
}
