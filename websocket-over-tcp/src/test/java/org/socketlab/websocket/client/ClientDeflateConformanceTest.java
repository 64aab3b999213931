package org.socketlab.websocket.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.socketlab.websocket.frame.CloseStatus;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.demo.EchoServer;
import org.socketlab.websocket.extension.DeflateConfig;
import org.socketlab.websocket.testing.CompressionCases;
import org.socketlab.websocket.testing.CompressionCases.Received;
import org.socketlab.websocket.testing.CompressionCases.Size;
import org.socketlab.websocket.testing.CompressionCorpus;
import org.socketlab.websocket.testing.PeerDeflate;
import org.socketlab.websocket.testing.RawWebSocket;

/**
 * Our client (configured as {@code EchoClient --permessage-deflate} runs it, echoing what it
 * receives) under the Autobahn compression cases, played by a raw server that answers the offer
 * the way Autobahn's fuzzing server does in each case (its {@code accept1} … {@code accept7}) and
 * compresses with an independent {@code java.util.zip} peer ({@link PeerDeflate}). Strict verdict:
 * our exact offer, an accepted answer, every echo intact with RSV1 on its first frame only,
 * inflating with a window reset after each message when {@code client_no_context_takeover} was
 * answered, uncompressed when the answer limits our window below what java.util.zip can keep
 * (RFC 7692 §7.1.2.2, §6), and a clean close.
 */
@Timeout(120)
class ClientDeflateConformanceTest {

    /** EchoClient's configuration: context takeover both ways, every message compressed. */
    private static final DeflateConfig TAKEOVER = EchoServer.CONFORMANCE_DEFLATE;
    private static final DeflateConfig NO_CLIENT_TAKEOVER = TAKEOVER.withClientNoContextTakeover(true);

    /** Sends back what arrives, as EchoClient does. */
    private static final class Echo implements WebSocketHandler {
        @Override
        public void onText(Session session, String text) {
            session.sendText(text);
        }

        @Override
        public void onBinary(Session session, ByteBuffer data) {
            session.sendBinary(data);
        }
    }

    /**
     * Autobahn's server-side accept functions for 13.1–13.7: the answer it writes to our offer, or
     * null when the case's precondition on the offer does not hold (Autobahn then runs the case
     * uncompressed and reports it unimplemented; we fail instead).
     */
    private static String autobahnAnswer(String caseName, String offer) {
        boolean acceptsNoContextTakeover = offer.contains("client_no_context_takeover");
        boolean acceptsWindowBits = offer.matches(".*client_max_window_bits(?!=).*");
        String echoed = "permessage-deflate" + (offer.contains("server_no_context_takeover") ? "; server_no_context_takeover" : "");
        return switch (caseName) {
            case "12", "13.1" -> echoed;
            case "13.2" -> acceptsNoContextTakeover ? echoed + "; client_no_context_takeover" : null;
            case "13.3" -> acceptsWindowBits ? echoed + "; client_max_window_bits=8" : null;
            case "13.4" -> acceptsWindowBits ? echoed + "; client_max_window_bits=15" : null;
            case "13.5", "13.7" -> acceptsNoContextTakeover && acceptsWindowBits
                    ? echoed + "; client_no_context_takeover; client_max_window_bits=8" : null;
            case "13.6" -> acceptsNoContextTakeover && acceptsWindowBits
                    ? echoed + "; client_no_context_takeover; client_max_window_bits=15" : null;
            default -> throw new IllegalArgumentException(caseName);
        };
    }

    private void runCase(String caseName, DeflateConfig config, String expectedOffer, CompressionCorpus corpus, Size size)
            throws Exception {
        String[] answer = new String[1];
        String[] offer = new String[1];
        UnaryOperator<String> respond = request -> {
            offer[0] = CompressionCases.extensionsHeader(request);
            answer[0] = offer[0] == null ? null : autobahnAnswer(caseName, offer[0]);
            return answer[0] == null ? "" : "Sec-WebSocket-Extensions: " + answer[0] + "\r\n";
        };
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<RawWebSocket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return RawWebSocket.serverSide(listener.accept(), respond);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Session session = WebSocketClient.connect(URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/"),
                    new Echo(), ClientOptions.defaults().permessageDeflate(config).maxMessageSize(16L << 20));
            try (RawWebSocket server = accepted.get(10, TimeUnit.SECONDS)) {
                assertThat(offer[0]).as("our client's offer").isEqualTo(expectedOffer);
                assertThat(answer[0]).as("Autobahn's case %s accepts our offer", caseName).isNotNull();
                exchange(server, answer[0], corpus, size);
                server.sendClose(1000, "");
                RawWebSocket.RawFrame close = server.readFrame();
                assertThat(close.opcode()).as("the client's answer to our close").isEqualTo(0x8);
                assertThat(close.closeCode()).isEqualTo(1000);
            }
            CloseStatus status = session.closeFuture().get(10, TimeUnit.SECONDS);
            assertThat(status.clean()).as("clean close %s", status).isTrue();
        }
    }

    private static void exchange(RawWebSocket server, String answer, CompressionCorpus corpus, Size size) throws Exception {
        boolean clientMayCompress = !answer.matches(".*client_max_window_bits=(8|9|1[0-4])\\b.*");
        PeerDeflate.Compressor compressor = new PeerDeflate.Compressor(answer.contains("server_no_context_takeover"));
        PeerDeflate.Decompressor decompressor = new PeerDeflate.Decompressor(answer.contains("client_no_context_takeover"));
        CompressionCorpus.Ring ring = corpus.ring();
        for (int i = 0; i < size.count(); i++) {
            byte[] message = ring.next(size.length());
            CompressionCases.send(server, corpus.text(), message, compressor, size.fragment());
            Received echo = CompressionCases.receive(server, decompressor);
            CompressionCases.checkEcho(i, corpus.text(), message, echo);
            assertThat(echo.compressed()).as("message %d: RSV1 of the client's echo under \"%s\" (compressed unless"
                    + " the window was limited below 15 bits, which java.util.zip cannot keep)", i, answer)
                    .isEqualTo(clientMayCompress);
        }
    }

    @Nested
    @DisplayName("12.x compressed messages of each kind of data, context takeover both ways")
    class Section12 {

        @ParameterizedTest(name = "{0}: {1}, {2}")
        @MethodSource("org.socketlab.websocket.testing.CompressionCases#section12")
        void compressedMessages_areEchoedIntact(String name, CompressionCorpus corpus, Size size) throws Exception {
            runCase("12", TAKEOVER, "permessage-deflate; client_max_window_bits", corpus, size);
        }
    }

    @Nested
    @DisplayName("13.x JSON under each answer: client_no_context_takeover, client_max_window_bits 8 and 15")
    class Section13 {

        static Stream<Arguments> cases() {
            List<Arguments> cases = new ArrayList<>();
            for (String name : List.of("13.1", "13.2", "13.3", "13.4", "13.5", "13.6", "13.7")) {
                boolean hint = List.of("13.2", "13.5", "13.6", "13.7").contains(name);
                for (Size size : CompressionCases.SIZES_13) {
                    cases.add(Arguments.of(name, hint, size));
                }
            }
            return cases.stream();
        }

        @ParameterizedTest(name = "{0}: client_no_context_takeover offered={1}, {2}")
        @MethodSource("cases")
        void eachAnswer_isHonoured(String name, boolean clientNoContextTakeover, Size size) throws Exception {
            DeflateConfig config = clientNoContextTakeover ? NO_CLIENT_TAKEOVER : TAKEOVER;
            String offer = "permessage-deflate; client_max_window_bits"
                    + (clientNoContextTakeover ? "; client_no_context_takeover" : "");
            runCase(name, config, offer, CompressionCorpus.JSON, size);
        }
    }
}
