package org.socketlab.websocket.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.socketlab.websocket.frame.MaskKeySource;
import org.socketlab.websocket.frame.Role;
import org.socketlab.websocket.protocol.ProtocolConfig;
import org.socketlab.websocket.protocol.ProtocolEvent;
import org.socketlab.websocket.protocol.WebSocketProtocol;
import org.socketlab.websocket.server.WebSocketServer;
import org.socketlab.websocket.testing.Allocations;
import org.socketlab.websocket.testing.RawWebSocket;
import org.socketlab.websocket.testing.TestEchoHandler;
import org.junit.jupiter.api.extension.ExtendWith;
import org.socketlab.websocket.testing.StopAfterEach;
import org.socketlab.websocket.testing.StopAfterEachExtension;

/**
 * A frame header may declare a 64-bit payload length (RFC 6455 §5.2). Declaring 2^63-1 (the
 * largest legal value) or 2^62 must cost the server nothing: it refuses before allocating. A
 * length with the most significant bit set (2^63 and up) is itself a protocol error (1002); a
 * legal length over the limit is 1009 (§7.4.1).
 */
@Timeout(30)
@ExtendWith(StopAfterEachExtension.class)
class HugeDeclaredLengthTest {

    @StopAfterEach
    private WebSocketServer server;

    /** A masked binary frame header that declares {@code length}, with no payload behind it. */
    private static byte[] header(long length) {
        return ByteBuffer.allocate(14).put((byte) 0x82).put((byte) (0x80 | 127)).putLong(length)
                .put(new byte[] {1, 2, 3, 4}).array();
    }

    @ParameterizedTest(name = "declared length {0} → close {1}")
    @CsvSource({
        "9223372036854775807, 1009", // 2^63-1: legal on the wire, far over the limit
        "-1,                  1002", // 0xFFFF_FFFF_FFFF_FFFF: most significant bit set (§5.2)
        "-9223372036854775808, 1002", // 2^63: most significant bit set
        "4611686018427387904, 1009", // 2^62
        "1048577,             1009", // one byte over the 1 MiB default
    })
    void theProtocolRefusesBeforeAllocating(long declared, int expectedCode) {
        WebSocketProtocol protocol = new WebSocketProtocol(Role.SERVER, ProtocolConfig.defaults(), MaskKeySource.fixed(0), 0);
        byte[] bytes = header(declared);
        protocol.receive(ByteBuffer.wrap(bytes.clone()), 0); // warm-up: class loading is not the frame's cost
        protocol = new WebSocketProtocol(Role.SERVER, ProtocolConfig.defaults(), MaskKeySource.fixed(0), 0);
        WebSocketProtocol measured = protocol;
        long allocated = Allocations.during(() -> measured.receive(ByteBuffer.wrap(bytes), 1));
        List<ProtocolEvent> events = measured.pollEvents();
        assertThat(events).anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(ProtocolEvent.Failed.class,
                failed -> assertThat(failed.error().closeCode().code()).isEqualTo(expectedCode)));
        assertThat(allocated).as("bytes allocated to refuse a declared length of %d", declared)
                .isLessThan(16 * 1024);
    }

    @Test
    void overTheWire_2pow63minus1_closes1009_and2pow63_closes1002() throws IOException {
        server = WebSocketServer.builder().endpoint("/", new TestEchoHandler()).start();
        Runtime runtime = Runtime.getRuntime();
        long usedBefore = runtime.totalMemory() - runtime.freeMemory();
        for (long[] c : new long[][] {{Long.MAX_VALUE, 1009}, {Long.MIN_VALUE, 1002}, {1L << 62, 1009}}) {
            try (RawWebSocket ws = RawWebSocket.connect(server.port(), "/")) {
                ws.sendRaw(header(c[0]));
                assertThat(ws.expectCloseAndTcpClose().closeCode()).as("close code for declared length %d", c[0])
                        .isEqualTo((int) c[1]);
            }
        }
        long usedAfter = runtime.totalMemory() - runtime.freeMemory();
        assertThat(usedAfter - usedBefore).as("heap growth while refusing three exabyte-sized frames")
                .isLessThan(256L << 20);
    }
}
