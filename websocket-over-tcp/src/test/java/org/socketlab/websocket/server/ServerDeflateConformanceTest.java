package org.socketlab.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.socketlab.websocket.demo.EchoServer;
import org.socketlab.websocket.testing.CompressionCases;
import org.socketlab.websocket.testing.CompressionCases.Received;
import org.socketlab.websocket.testing.CompressionCases.Size;
import org.socketlab.websocket.testing.CompressionCorpus;
import org.socketlab.websocket.testing.PeerDeflate;
import org.socketlab.websocket.testing.RawWebSocket;

/**
 * The demo echo server (as {@code EchoServer --permessage-deflate} runs it) under the Autobahn
 * compression cases, strict verdict: for every offer the exact {@code Sec-WebSocket-Extensions}
 * answer is asserted, then messages compressed by an independent {@code java.util.zip} peer
 * ({@link PeerDeflate}) go out and every echo must come back with the same type, length and bytes,
 * RSV1 on its first frame only, inflating with a window reset after each message exactly when
 * {@code server_no_context_takeover} was agreed; the close handshake ends clean.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerDeflateConformanceTest {

    /** What browsers offer (Chromium, Firefox). */
    private static final String BROWSER_OFFER = "permessage-deflate; client_max_window_bits";
    /** What Autobahn's client offers by default: it will not take over its context, and accepts a window limit. */
    private static final String AUTOBAHN_OFFER = "permessage-deflate; client_no_context_takeover; client_max_window_bits";

    private WebSocketServer server;

    @BeforeAll
    void start() throws Exception {
        server = EchoServer.start("127.0.0.1", 0, "/", 16L << 20, EchoServer.CONFORMANCE_DEFLATE);
    }

    @AfterAll
    void stop() {
        server.stop(Duration.ofSeconds(2));
    }

    /**
     * One case: offer, check the answer, then {@code size.count()} messages and their echoes.
     *
     * @param offer         the Sec-WebSocket-Extensions value sent
     * @param expected      the exact answer, or null when the offer must be declined
     * @param clientResets  whether our side promised (or was told) not to take over its context
     * @param clientWindow  the client window this side promised; below 15 it writes stored blocks only
     */
    private void runCase(String offer, String expected, boolean clientResets, int clientWindow,
                         CompressionCorpus corpus, Size size) throws Exception {
        int port = server.port();
        try (RawWebSocket ws = RawWebSocket.exchange(port, RawWebSocket.upgradeRequest(port, "/",
                "Sec-WebSocket-Extensions: " + offer + "\r\n"))) {
            assertThat(ws.status()).as("status for the offer \"%s\"", offer).isEqualTo(101);
            String answer = CompressionCases.extensionsHeader(ws.responseHead());
            assertThat(answer).as("the server's answer to the offer \"%s\"", offer).isEqualTo(expected);
            boolean agreed = expected != null;
            boolean clientNoTakeover = clientResets || agreed && answer.contains("client_no_context_takeover");
            PeerDeflate.Compressor compressor = !agreed ? null : new PeerDeflate.Compressor(clientNoTakeover,
                    clientWindow < 15 ? Deflater.NO_COMPRESSION : Deflater.DEFAULT_COMPRESSION);
            PeerDeflate.Decompressor decompressor = !agreed ? null
                    : new PeerDeflate.Decompressor(answer.contains("server_no_context_takeover"));
            CompressionCorpus.Ring ring = corpus.ring();
            long sentBytes = 0;
            long echoedWireBytes = 0;
            for (int i = 0; i < size.count(); i++) {
                byte[] message = ring.next(size.length());
                CompressionCases.send(ws, corpus.text(), message, compressor, size.fragment());
                Received echo = CompressionCases.receive(ws, decompressor);
                CompressionCases.checkEcho(i, corpus.text(), message, echo);
                assertThat(echo.compressed()).as("message %d: RSV1 of the echo (the echo server compresses every"
                        + " message when the extension was agreed, RFC 7692 §6)", i).isEqualTo(agreed);
                sentBytes += message.length;
                echoedWireBytes += echo.wireBytes();
            }
            if (agreed && corpus == CompressionCorpus.JSON && size.length() >= 256) {
                assertThat(echoedWireBytes).as("compressed echo bytes for %d bytes of chat JSON", sentBytes)
                        .isLessThan(sentBytes / 2);
            }
            ws.sendClose(1000, "");
            RawWebSocket.RawFrame close = ws.expectCloseAndTcpClose();
            assertThat(close.closeCode()).as("close code after the case").isEqualTo(1000);
        }
    }

    @Nested
    @DisplayName("12.x compressed echo of each kind of data, context takeover both ways (RFC 7692 §7.2)")
    class Section12 {

        @ParameterizedTest(name = "{0}: {1}, {2}")
        @MethodSource("org.socketlab.websocket.testing.CompressionCases#section12")
        void compressedMessages_areEchoedIntact(String name, CompressionCorpus corpus, Size size) throws Exception {
            runCase(BROWSER_OFFER, "permessage-deflate", false, 15, corpus, size);
        }
    }

    @Nested
    @DisplayName("13.x JSON under each offer: context takeover and window bits (RFC 7692 §7.1)")
    class Section13 {

        /** Autobahn's 13.1–13.7 offers (as its client writes them) and our exact answer; null = declined. */
        static Stream<Arguments> cases() {
            String noTakeover = "; server_no_context_takeover";
            List<String[]> offers = List.of(
                    new String[] {"13.1", AUTOBAHN_OFFER, "permessage-deflate"},
                    new String[] {"13.2", AUTOBAHN_OFFER + noTakeover, "permessage-deflate" + noTakeover},
                    // java.util.zip cannot compress in a window below 15 bits: declined rather than claimed.
                    new String[] {"13.3", AUTOBAHN_OFFER + "; server_max_window_bits=8", null},
                    new String[] {"13.4", AUTOBAHN_OFFER + "; server_max_window_bits=15",
                        "permessage-deflate; server_max_window_bits=15"},
                    new String[] {"13.5", AUTOBAHN_OFFER + noTakeover + "; server_max_window_bits=8", null},
                    new String[] {"13.6", AUTOBAHN_OFFER + noTakeover + "; server_max_window_bits=15",
                        "permessage-deflate" + noTakeover + "; server_max_window_bits=15"},
                    // Three offers: the first is declined, the second taken (§5.1: the client's order).
                    new String[] {"13.7", AUTOBAHN_OFFER + noTakeover + "; server_max_window_bits=8, "
                            + AUTOBAHN_OFFER + noTakeover + ", " + AUTOBAHN_OFFER, "permessage-deflate" + noTakeover});
            List<Arguments> cases = new ArrayList<>();
            for (String[] offer : offers) {
                for (Size size : CompressionCases.SIZES_13) {
                    cases.add(Arguments.of(offer[0], offer[1], offer[2], size));
                }
            }
            return cases.stream();
        }

        @ParameterizedTest(name = "{0}: offer \"{1}\" → \"{2}\", {3}")
        @MethodSource("cases")
        void eachOffer_isAnsweredExactly_andMessagesCrossBothWays(String name, String offer, String expected, Size size)
                throws Exception {
            runCase(offer, expected, true, 15, CompressionCorpus.JSON, size);
        }

        static Stream<Arguments> clientWindows() {
            return Stream.of(8, 9, 10, 11, 12, 13, 14, 15).flatMap(bits -> Stream.of(
                    Arguments.of(bits, CompressionCases.SIZES.get(3)), Arguments.of(bits, CompressionCases.SIZES.get(13))));
        }

        @ParameterizedTest(name = "client_max_window_bits={0}, {1}")
        @MethodSource("clientWindows")
        void aClientThatLimitsItsOwnWindow_isAccepted_withoutALimitInTheAnswer(int bits, Size size) throws Exception {
            // §7.1.2.2: a value in the offer is the client's own limit; our inflater reads any window
            // up to 15 bits, so the answer need not (and does not) name client_max_window_bits.
            runCase("permessage-deflate; client_max_window_bits=" + bits, "permessage-deflate", false, bits,
                    CompressionCorpus.JSON, size);
        }
    }
}
