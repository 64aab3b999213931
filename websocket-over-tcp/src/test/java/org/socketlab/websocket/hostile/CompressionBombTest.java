package org.socketlab.websocket.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.extension.DeflateConfig;
import org.socketlab.websocket.server.WebSocketServer;
import org.socketlab.websocket.testing.RawWebSocket;
import org.socketlab.websocket.testing.TestEchoHandler;
import org.junit.jupiter.api.extension.ExtendWith;
import org.socketlab.websocket.testing.StopAfterEach;
import org.socketlab.websocket.testing.StopAfterEachExtension;

/**
 * A compression bomb over the wire (RFC 7692 §8.1, RFC 6455 §10.4): 10 MB of zeros deflate to
 * about 10 KB. A server with a 1 MiB message limit that negotiated permessage-deflate must close
 * with 1009 while inflating, and keep serving everyone else.
 */
@Timeout(30)
@ExtendWith(StopAfterEachExtension.class)
class CompressionBombTest {

    @StopAfterEach
    private WebSocketServer server;

    /** Raw DEFLATE, sync flush, tail removed (RFC 7692 §7.2.1): what a real peer would send. */
    private static byte[] deflatedZeros(int size) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(new byte[size]);
        byte[] out = new byte[size / 100 + 4096];
        int length = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        deflater.end();
        return Arrays.copyOf(out, length - 4);
    }

    @Test
    void tenMegabytesOfZeros_compressed_closes1009_andAFreshClientIsServed() throws IOException {
        server = WebSocketServer.builder().endpoint("/", new TestEchoHandler())
                .maxMessageSize(1L << 20).maxFramePayload(1L << 20)
                .permessageDeflate(DeflateConfig.defaults()).start();
        byte[] bomb = deflatedZeros(10_000_000);
        assertThat(bomb.length).as("the bomb's size on the wire").isLessThan(20_000);

        try (RawWebSocket attacker = RawWebSocket.exchange(server.port(), RawWebSocket.upgradeRequest(server.port(),
                "/", "Sec-WebSocket-Extensions: permessage-deflate\r\n"))) {
            assertThat(attacker.responseHead()).startsWith("HTTP/1.1 101")
                    .containsIgnoringCase("Sec-WebSocket-Extensions: permessage-deflate");
            attacker.sendFrame(true, 0b100, 0x2, bomb); // RSV1: a compressed binary message
            RawWebSocket.RawFrame close = attacker.expectCloseAndTcpClose();
            assertThat(close.closeCode()).as("close code for the inflated size over 1 MiB; reason: %s",
                    close.closeReason()).isEqualTo(1009);
        }

        try (RawWebSocket fresh = RawWebSocket.connect(server.port(), "/")) {
            fresh.sendText("still serving");
            assertThat(fresh.readMessage().text()).isEqualTo("still serving");
        }
    }

    @Test
    void rsv1WithoutNegotiation_closes1002() throws IOException {
        server = WebSocketServer.builder().endpoint("/", new TestEchoHandler())
                .permessageDeflate(DeflateConfig.defaults()).start();
        try (RawWebSocket client = RawWebSocket.connect(server.port(), "/")) { // offers no extension
            assertThat(client.responseHead()).doesNotContainIgnoringCase("Sec-WebSocket-Extensions");
            client.sendFrame(true, 0b100, 0x1, deflatedZeros(1000));
            assertThat(client.expectCloseAndTcpClose().closeCode()).isEqualTo(1002);
        }
    }
}
