package org.socketlab.websocket.socketio.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.socketlab.websocket.testing.StopAfterEach;
import org.socketlab.websocket.testing.StopAfterEachExtension;

/** Engine.IO v4 on the wire, driven by the JDK's HTTP and WebSocket clients and raw sockets. */
@Timeout(value = 15, unit = TimeUnit.SECONDS)
@ExtendWith(StopAfterEachExtension.class)
class EngineServerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private final BlockingQueue<EnginePacket> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> closes = new LinkedBlockingQueue<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
    @StopAfterEach(millis = 200)
    private EngineServer server;

    private void start(EngineConfig config) throws IOException {
        server = EngineServer.start(InetAddress.getLoopbackAddress(), 0, config, session -> new EngineSession.Listener() {
            @Override
            public void onMessage(EngineSession s, EnginePacket packet) {
                received.add(packet);
            }

            @Override
            public void onClose(EngineSession s, String reason) {
                closes.add(reason);
            }
        });
    }

    private void start() throws IOException {
        start(EngineConfig.defaults());
    }

    private String base() {
        return "http://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=polling";
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(WAIT)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Performs the handshake and returns the sid. */
    private String handshake() throws Exception {
        HttpResponse<String> open = get(base());
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.body()).startsWith("0{\"sid\":\"");
        return open.body().substring(9, open.body().indexOf('"', 9));
    }

    @Nested
    class Handshake {

        @Test
        void openPacketCarriesSidUpgradesAndTimers() throws Exception {
            start();
            HttpResponse<String> open = get(base());
            assertThat(open.headers().firstValue("Content-Type")).hasValue("text/plain; charset=UTF-8");
            assertThat(open.body()).matches("0\\{\"sid\":\"[A-Za-z0-9_-]{20}\",\"upgrades\":\\[\"websocket\"],"
                    + "\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}");
        }

        @Test
        void unknownSid_gets400WithCode1() throws Exception {
            start();
            HttpResponse<String> response = get(base() + "&sid=nope");
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
        }

        @Test
        void wrongVersionTransportOrMethod_getTheReferenceErrors() throws Exception {
            start();
            String root = "http://127.0.0.1:" + server.port() + "/socket.io/";
            assertThat(get(root + "?EIO=3&transport=polling").body()).contains("\"code\":5");
            assertThat(get(root + "?EIO=4&transport=pigeon").body()).contains("\"code\":0");
            assertThat(get(root + "?EIO=4&transport=websocket").body()).contains("\"code\":3");
            HttpResponse<String> postHandshake = post(base(), "40");
            assertThat(postHandshake.statusCode()).isEqualTo(400);
            assertThat(postHandshake.body()).contains("\"code\":2");
            assertThat(get("http://127.0.0.1:" + server.port() + "/other/").statusCode()).isEqualTo(404);
        }

        @Test
        void checksRunInTheReferenceOrder_transportThenSidThenMethodThenVersion() throws Exception {
            start();
            String root = "http://127.0.0.1:" + server.port() + "/socket.io/";
            assertThat(get(root + "?EIO=abc&transport=abc").body()).as("transport before version")
                    .isEqualTo("{\"code\":0,\"message\":\"Transport unknown\"}");
            assertThat(get(root + "?EIO=abc&transport=polling&sid=nope").body()).as("sid before version")
                    .isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
            assertThat(post(root + "?transport=polling", "40").body()).as("method before version")
                    .isEqualTo("{\"code\":2,\"message\":\"Bad handshake method\"}");
            assertThat(get(root + "?transport=polling").body())
                    .isEqualTo("{\"code\":5,\"message\":\"Unsupported protocol version\"}");
        }
    }

    @Nested
    class Polling {

        @Test
        void postedPacketsReachTheListener_andQueuedOnesLeaveWithTheNextGet() throws Exception {
            start();
            String sid = handshake();
            HttpResponse<String> ok = post(base() + "&sid=" + sid, "4hello\u001ebAQID");
            assertThat(ok.body()).isEqualTo("ok");
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(EnginePacket.message("hello"));
            assertThat(received.poll(5, TimeUnit.SECONDS).binary()).containsExactly(1, 2, 3);
            EngineSession session = server.find(sid);
            session.send(List.of(EnginePacket.message("a"), EnginePacket.binary(new byte[] {4})));
            assertThat(get(base() + "&sid=" + sid).body()).isEqualTo("4a\u001ebBA==");
        }

        @Test
        void malformedPayload_closesTheSessionWithParseError() throws Exception {
            start();
            String sid = handshake();
            HttpResponse<String> bad = post(base() + "&sid=" + sid, "9what");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(closes.poll(5, TimeUnit.SECONDS)).isEqualTo("parse error");
            // Engine.IO v4: the session is gone at once; the next GET is refused.
            assertThat(get(base() + "&sid=" + sid).body()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
        }

        @Test
        void bodyOverMaxPayload_gets413() throws Exception {
            start(EngineConfig.defaults().withMaxPayload(100));
            String sid = handshake();
            assertThat(post(base() + "&sid=" + sid, "4" + "x".repeat(200)).statusCode()).isEqualTo(413);
            assertThat(received).isEmpty();
        }

        @Test
        void heldGetReturnsWhenThePacketIsSent() throws Exception {
            start();
            String sid = handshake();
            CompletableFuture<HttpResponse<String>> poll = http.sendAsync(
                    HttpRequest.newBuilder(URI.create(base() + "&sid=" + sid)).build(), HttpResponse.BodyHandlers.ofString());
            server.find(sid).send(List.of(EnginePacket.message("late")));
            assertThat(poll.get(5, TimeUnit.SECONDS).body()).isEqualTo("4late");
        }

        @Test
        void overlappingGets_get400AndCloseTheSession() throws Exception {
            start();
            String sid = handshake();
            HttpRequest poll = HttpRequest.newBuilder(URI.create(base() + "&sid=" + sid)).build();
            CompletableFuture<HttpResponse<String>> first = http.sendAsync(poll, HttpResponse.BodyHandlers.ofString());
            CompletableFuture<HttpResponse<String>> second = http.sendAsync(poll, HttpResponse.BodyHandlers.ofString());
            // Whichever arrives second is the overlap: it gets an empty 400 (as the reference server
            // answers), the held one carries the close packet.
            List<String> outcomes = List.of(first.get(5, TimeUnit.SECONDS), second.get(5, TimeUnit.SECONDS)).stream()
                    .map(r -> r.statusCode() + " " + r.body()).sorted().toList();
            assertThat(outcomes).containsExactly("200 1", "400 ");
            assertThat(closes.poll(5, TimeUnit.SECONDS)).isEqualTo("transport error");
        }

        @Test
        void clientThatStopsPolling_isClosedWhenItsOutboxOverflows() throws Exception {
            start(EngineConfig.defaults().withMaxBufferedBytes(1000));
            String sid = handshake();
            EngineSession session = server.find(sid);
            assertThat(session.send(List.of(EnginePacket.message("x".repeat(600))))).isTrue();
            assertThat(session.send(List.of(EnginePacket.message("y".repeat(600))))).isFalse();
            assertThat(closes.poll(5, TimeUnit.SECONDS)).isEqualTo("transport error");
        }

        @Test
        void clientClosePacket_endsTheSession() throws Exception {
            start();
            String sid = handshake();
            post(base() + "&sid=" + sid, "1");
            assertThat(closes.poll(5, TimeUnit.SECONDS)).isEqualTo("transport close");
            assertThat(server.find(sid)).isNull();
        }
    }

    @Nested
    class Heartbeat {

        @Test
        void serverPings_andAMissingPongClosesWithPingTimeout() throws Exception {
            start(EngineConfig.defaults().withPingInterval(Duration.ofMillis(100)).withPingTimeout(Duration.ofMillis(200)));
            String sid = handshake();
            assertThat(get(base() + "&sid=" + sid).body()).isEqualTo("2");
            assertThat(closes.poll(5, TimeUnit.SECONDS)).isEqualTo("ping timeout");
        }

        @Test
        void pongKeepsTheSessionAlive() throws Exception {
            start(EngineConfig.defaults().withPingInterval(Duration.ofMillis(100)).withPingTimeout(Duration.ofMillis(300)));
            String sid = handshake();
            for (int round = 0; round < 3; round++) {
                assertThat(get(base() + "&sid=" + sid).body()).isEqualTo("2");
                assertThat(post(base() + "&sid=" + sid, "3").body()).isEqualTo("ok");
            }
            assertThat(closes).isEmpty();
            assertThat(server.find(sid)).isNotNull();
        }
    }

    @Nested
    class WebSocketTransport {

        @Test
        void upgrade_probeThenNoopThenUpgrade() throws Exception {
            start();
            String sid = handshake();
            CompletableFuture<HttpResponse<String>> poll = http.sendAsync(
                    HttpRequest.newBuilder(URI.create(base() + "&sid=" + sid)).build(), HttpResponse.BodyHandlers.ofString());
            Frames frames = new Frames();
            WebSocket ws = open("&sid=" + sid, frames);
            ws.sendText("2probe", true).get(5, TimeUnit.SECONDS);
            assertThat(frames.next()).isEqualTo("3probe");
            assertThat(poll.get(5, TimeUnit.SECONDS).body()).isEqualTo("6"); // the pending poll ends
            ws.sendText("5", true).get(5, TimeUnit.SECONDS);
            ws.sendText("4after", true).get(5, TimeUnit.SECONDS);
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(EnginePacket.message("after"));
            server.find(sid).send(List.of(EnginePacket.message("over ws")));
            assertThat(frames.next()).isEqualTo("4over ws");
            assertThat(server.find(sid).transport()).isEqualTo("websocket");
            assertThat(get(base() + "&sid=" + sid).statusCode()).isEqualTo(400);
        }

        @Test
        void directWebSocket_opensASessionWithoutUpgrades() throws Exception {
            start();
            Frames frames = new Frames();
            WebSocket ws = open("", frames);
            assertThat(frames.next()).startsWith("0{\"sid\":").contains("\"upgrades\":[]");
            ws.sendBinary(ByteBuffer.wrap(new byte[] {5, 6}), true).get(5, TimeUnit.SECONDS);
            assertThat(received.poll(5, TimeUnit.SECONDS).binary()).containsExactly(5, 6);
        }

        @Test
        void messageOverMaxPayload_closesWith1009() throws Exception {
            start(EngineConfig.defaults().withMaxPayload(100));
            Frames frames = new Frames();
            WebSocket ws = open("", frames);
            frames.next();
            ws.sendText("4" + "x".repeat(500), true);
            assertThat(frames.closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(1009);
            assertThat(closes.poll(5, TimeUnit.SECONDS)).isEqualTo("transport close");
        }

        @Test
        void malformedFrame_closesWithParseError() throws Exception {
            start();
            Frames frames = new Frames();
            WebSocket ws = open("", frames);
            frames.next();
            ws.sendText("x", true);
            assertThat(closes.poll(5, TimeUnit.SECONDS)).isEqualTo("parse error");
        }

        @Test
        void garbageRequest_gets400_andTheServerKeepsServing() throws Exception {
            start();
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(5000);
                socket.getOutputStream().write("\u0000\u0001 GARBAGE\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 400");
            }
            assertThat(handshake()).hasSize(20);
        }

        @Test
        void upgradeWithUnknownSid_gets400() throws Exception {
            start();
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(5000);
                socket.getOutputStream().write(("GET /socket.io/?EIO=4&transport=websocket&sid=nope HTTP/1.1\r\n"
                        + "Host: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String response = readHead(socket.getInputStream());
                assertThat(response).startsWith("HTTP/1.1 400");
            }
        }

        private WebSocket open(String query, Frames frames) throws Exception {
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=websocket" + query);
            return http.newWebSocketBuilder().buildAsync(uri, frames).get(5, TimeUnit.SECONDS);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** Collects text frames and the close code of a JDK WebSocket. */
    static final class Frames implements WebSocket.Listener {
        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closeCode.completeExceptionally(error);
        }

        String next() throws InterruptedException {
            String text = texts.poll(5, TimeUnit.SECONDS);
            assertThat(text).as("a text frame within 5 s").isNotNull();
            return text;
        }
    }
}
