package org.socketlab.tcp.wire;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class WireTapTest {

    private static byte[] readExactly(InputStream in, int count) throws IOException {
        byte[] bytes = in.readNBytes(count);
        assertThat(bytes).as("bytes read before end of stream").hasSize(count);
        return bytes;
    }

    @Nested
    class Relay {

        @Test
        void forwardsBothDirectionsUnchanged() throws Exception {
            try (TapFixture fixture = new TapFixture();
                 Socket client = fixture.connectClient();
                 Socket server = fixture.acceptAtTarget()) {
                client.getOutputStream().write("hello".getBytes(US_ASCII));
                assertThat(readExactly(server.getInputStream(), 5)).asString(US_ASCII).isEqualTo("hello");
                server.getOutputStream().write("world!".getBytes(US_ASCII));
                assertThat(readExactly(client.getInputStream(), 6)).asString(US_ASCII).isEqualTo("world!");
            }
        }

        @Test
        void printsEachChunkWithConnectionIdDirectionTimeOffsetAndHexDump() throws Exception {
            try (TapFixture fixture = new TapFixture();
                 Socket client = fixture.connectClient();
                 Socket server = fixture.acceptAtTarget()) {
                client.getOutputStream().write("GET / HTTP/1.1\r\n".getBytes(US_ASCII));
                readExactly(server.getInputStream(), 16);
                String block = fixture.awaitOutputContaining("C->S 16 bytes");
                assertThat(block).matches("(?s)#1 \\+\\d+\\.\\d{6} C->S 16 bytes \\(stream offset 0\\).*")
                        .contains("00000000  47 45 54 20 2f 20 48 54  54 50 2f 31 2e 31 0d 0a  |GET / HTTP/1.1..|");
                assertThat(fixture.awaitOutputContaining("open")).contains("-> target");
            }
        }

        @Test
        void dissectorLinesAreAddedUnderTheChunk() throws Exception {
            Dissector counting = (direction, bytes) -> List.of(direction + " saw " + bytes.remaining());
            try (TapFixture fixture = new TapFixture(() -> counting, null);
                 Socket client = fixture.connectClient();
                 Socket server = fixture.acceptAtTarget()) {
                client.getOutputStream().write(new byte[] {1, 2, 3});
                readExactly(server.getInputStream(), 3);
                assertThat(fixture.awaitOutputContaining("C->S 3 bytes")).contains(ConnectionLog.ANNOTATION + "C->S saw 3");
            }
        }

        @Test
        void aDissectorThatThrowsNeverStopsTheRelay() throws Exception {
            Dissector broken = (direction, bytes) -> {
                throw new IllegalStateException("bug in dissector");
            };
            try (TapFixture fixture = new TapFixture(() -> broken, null);
                 Socket client = fixture.connectClient();
                 Socket server = fixture.acceptAtTarget()) {
                for (int round = 0; round < 3; round++) {
                    client.getOutputStream().write(new byte[] {(byte) round, 42});
                    assertThat(readExactly(server.getInputStream(), 2)).containsExactly(round, 42);
                }
                assertThat(fixture.awaitOutputContaining("dissector failed")).contains("bug in dissector");
            }
        }

        @Test
        void unreachableTarget_clientIsResetAndTheReasonPrinted() throws Exception {
            InetSocketAddress nobody;
            try (ServerSocket closedSoon = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                nobody = new InetSocketAddress(InetAddress.getLoopbackAddress(), closedSoon.getLocalPort());
            }
            List<String> output = new java.util.concurrent.CopyOnWriteArrayList<>();
            try (WireTap tap = WireTap.builder().target(nobody).output(output::add).start();
                 Socket client = new Socket(InetAddress.getLoopbackAddress(), tap.port())) {
                client.setSoTimeout(TapFixture.TIMEOUT_MILLIS);
                assertThatThrownBy(() -> client.getInputStream().read()).as("the tap resets the client")
                        .isInstanceOf(SocketException.class).hasMessageContaining("reset");
                assertThat(String.join("\n", output)).contains("cannot connect to target " + nobody);
            }
        }
    }

    @Nested
    class HalfClose {

        @Test
        void clientShutdownOutput_serverReadsEndOfStream_andCanStillAnswer() throws Exception {
            try (TapFixture fixture = new TapFixture();
                 Socket client = fixture.connectClient();
                 Socket server = fixture.acceptAtTarget()) {
                client.getOutputStream().write("request".getBytes(US_ASCII));
                client.shutdownOutput();                                          // FIN from the client
                assertThat(server.getInputStream().readAllBytes()).asString(US_ASCII).isEqualTo("request");
                server.getOutputStream().write("answer after FIN".getBytes(US_ASCII));
                server.close();
                assertThat(client.getInputStream().readAllBytes()).asString(US_ASCII).isEqualTo("answer after FIN");
                assertThat(fixture.awaitOutputContaining("C->S FIN")).contains("after 7 bytes");
                assertThat(fixture.awaitOutputContaining("S->C FIN")).contains("after 16 bytes");
                assertThat(fixture.awaitOutputContaining("closed:")).contains("7 bytes C->S, 16 bytes S->C");
            }
        }

        @Test
        void serverShutdownOutput_clientReadsEndOfStream_andCanStillSend() throws Exception {
            try (TapFixture fixture = new TapFixture();
                 Socket client = fixture.connectClient();
                 Socket server = fixture.acceptAtTarget()) {
                server.shutdownOutput();
                assertThat(client.getInputStream().read()).isEqualTo(-1);
                client.getOutputStream().write("still here".getBytes(US_ASCII));
                client.close();
                assertThat(server.getInputStream().readAllBytes()).asString(US_ASCII).isEqualTo("still here");
            }
        }
    }

    @Nested
    class Reset {

        @Test
        void serverResets_clientSeesConnectionReset() throws Exception {
            try (TapFixture fixture = new TapFixture();
                 Socket client = fixture.connectClient();
                 Socket server = fixture.acceptAtTarget()) {
                client.getOutputStream().write(1);
                readExactly(server.getInputStream(), 1);
                server.setSoLinger(true, 0);
                server.close();                                                   // RST from the server
                assertThatThrownBy(() -> client.getInputStream().read())
                        .isInstanceOf(SocketException.class).hasMessageContaining("reset");
                assertThat(fixture.awaitOutputContaining("S->C RST")).contains("SO_LINGER 0");
            }
        }

        @Test
        void clientResets_serverSeesConnectionReset() throws Exception {
            try (TapFixture fixture = new TapFixture();
                 Socket client = fixture.connectClient();
                 Socket server = fixture.acceptAtTarget()) {
                server.getOutputStream().write(1);
                readExactly(client.getInputStream(), 1);
                client.setSoLinger(true, 0);
                client.close();                                                   // RST from the client
                assertThatThrownBy(() -> server.getInputStream().read())
                        .isInstanceOf(SocketException.class).hasMessageContaining("reset");
                assertThat(fixture.awaitOutputContaining("C->S RST")).contains("resets the server");
            }
        }
    }

    @Nested
    class Stopping {

        @Test
        void closingTheTap_closesBothSidesOfEveryRelayedConnection() throws Exception {
            try (TapFixture fixture = new TapFixture();
                 Socket client = fixture.connectClient();
                 Socket server = fixture.acceptAtTarget()) {
                client.getOutputStream().write(7);
                readExactly(server.getInputStream(), 1);
                fixture.tap.close();
                assertThat(client.getInputStream().read()).as("client sees the tap's FIN").isEqualTo(-1);
                assertThat(server.getInputStream().read()).as("server sees the tap's FIN").isEqualTo(-1);
                assertThat(fixture.awaitOutputContaining("tap stopping")).contains("closing both sockets");
            }
        }
    }

    @Nested
    class Options {

        @Test
        void parsesListenTargetAndPcap() {
            WireTapOptions options = WireTapOptions.parse(
                    new String[] {"--listen", "9100", "--target", "127.0.0.1:9001", "--pcap", "tap.pcap"});
            assertThat(options.listenPort()).isEqualTo(9100);
            assertThat(options.target().getPort()).isEqualTo(9001);
            assertThat(options.pcapFile()).hasValueSatisfying(file -> assertThat(file.toString()).isEqualTo("tap.pcap"));
        }

        @Test
        void missingTarget_isRefusedWithUsage() {
            assertThatThrownBy(() -> WireTapOptions.parse(new String[] {"--listen", "9100"}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--target").hasMessageContaining("usage");
        }

        @Test
        void malformedTarget_quotesTheValue() {
            assertThatThrownBy(() -> WireTapOptions.parse(new String[] {"--listen", "1", "--target", "nocolon"}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"nocolon\"");
        }
    }
}
