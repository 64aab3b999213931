package org.socketlab.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.tcp.nonblocking.ChannelServerSockets;

/**
 * {@link TcpServer#detach}: a handler hands its connection to an owner that outlives it (an
 * event loop). The socket stays open and keeps its connection slot after the handler returns,
 * until the owner releases it; sockets accepted through {@link ChannelServerSockets} have a channel.
 */
@Timeout(20)
class TcpServerDetachTest {

    private TcpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(2));
        }
    }

    /** A detached connection, its channel and the action that releases it. */
    private record Owned(Socket socket, Runnable release) {
    }

    @Test
    void aDetachedConnectionOutlivesItsHandler_keepsItsSlot_andEndsOnRelease() throws Exception {
        BlockingQueue<Owned> owned = new ArrayBlockingQueue<>(4);
        server = TcpServer.builder()
                .port(0)
                .serverSocketFactory(ChannelServerSockets.factory())
                .handler(socket -> owned.add(new Owned(socket, server.detach(socket))))
                .maxConnections(1, socket -> socket.getOutputStream().write("busy\n".getBytes(StandardCharsets.US_ASCII)))
                .start();
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            Owned connection = owned.poll(5, TimeUnit.SECONDS);
            assertThat(connection).as("the handler ran").isNotNull();
            SocketChannel channel = connection.socket().getChannel();
            assertThat(channel).as("channel of a socket accepted through ChannelServerSockets").isNotNull();

            // The handler has returned; the owner still talks to the client.
            channel.write(ByteBuffer.wrap("owned\n".getBytes(StandardCharsets.US_ASCII)));
            byte[] line = new byte[6];
            client.getInputStream().readNBytes(line, 0, 6);
            assertThat(new String(line, StandardCharsets.US_ASCII)).isEqualTo("owned\n");
            assertThat(server.activeConnections()).as("open connections after the handler returned").isEqualTo(1);

            try (Socket second = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                String refused = new String(second.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertThat(refused).as("the detached connection still holds the only slot").isEqualTo("busy\n");
            }

            connection.release().run();
            InputStream in = client.getInputStream();
            assertThat(in.read()).as("end of stream after the owner released the connection").isEqualTo(-1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (server.activeConnections() != 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(server.activeConnections()).as("open connections after release").isZero();
        }
        try (Socket third = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            assertThat(third.isConnected()).isTrue();
            assertThat(owned.poll(5, TimeUnit.SECONDS)).as("the freed slot admits the next connection").isNotNull();
        }
    }

    @Test
    void stopWaitsForDetachedConnections_withinTheGrace() throws Exception {
        BlockingQueue<Runnable> releases = new ArrayBlockingQueue<>(1);
        server = TcpServer.builder().port(0).serverSocketFactory(ChannelServerSockets.factory())
                .handler(socket -> releases.add(server.detach(socket))).start();
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            Runnable release = releases.poll(5, TimeUnit.SECONDS);
            assertThat(release).isNotNull();
            Thread.ofVirtual().start(() -> {
                try {
                    client.getInputStream().read(); // the owner's cue: any byte or EOF
                } catch (IOException ignored) {
                    // closed: release anyway
                }
                release.run();
            });
            assertThat(server.stop(Duration.ofMillis(300))).as("finished within 300 ms while detached and unreleased").isFalse();
        }
        server = null;
    }
}
