package org.socketlab.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class EchoClientTest {

    @Test
    void halfClose_getsTheWholeEchoOfAMessageLargerThanTheSocketBuffers() throws IOException {
        byte[] message = new byte[8 << 20];
        new java.util.Random(42).nextBytes(message);
        try (TcpServer server = TcpServer.builder().handler(new EchoHandler()).start();
             EchoClient client = EchoClient.connect(server.localAddress(), Duration.ofSeconds(5), Duration.ofSeconds(10))) {
            assertThat(client.sendAndHalfClose(message)).isEqualTo(message);
        }
    }

    @Test
    void echoKeepsTheConnectionOpenForTheNextMessage() throws IOException {
        try (TcpServer server = TcpServer.builder().handler(new EchoHandler()).start();
             EchoClient client = EchoClient.connect(server.localAddress(), Duration.ofSeconds(5), Duration.ofSeconds(5))) {
            assertThat(client.echo(new byte[] {1, 2})).containsExactly(1, 2);
            assertThat(client.echo(new byte[] {3})).containsExactly(3);
        }
    }

    @Test
    void nobodyListening_connectIsRefused() throws IOException {
        InetSocketAddress closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = (InetSocketAddress) probe.getLocalSocketAddress();
        }
        assertThatThrownBy(() -> EchoClient.connect(closedPort, Duration.ofSeconds(2), Duration.ofSeconds(2)))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void silentServer_readTimesOut() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ConnectionHandler silent = socket -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try (TcpServer server = TcpServer.builder().handler(silent).start();
             EchoClient client = EchoClient.connect(server.localAddress(), Duration.ofSeconds(5), Duration.ofMillis(200))) {
            assertThatThrownBy(() -> client.echo(new byte[] {1})).isInstanceOf(SocketTimeoutException.class);
            release.countDown();
        }
    }
}
