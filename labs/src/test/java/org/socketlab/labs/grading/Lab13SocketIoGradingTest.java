package org.socketlab.labs.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.labs.Lab13SocketIo;
import org.socketlab.labs.socketio.PollingWire;
import org.socketlab.labs.socketio.SockJsTour;
import org.socketlab.websocket.demo.SockJsServer;
import org.socketlab.websocket.sockjs.SockJsOptions;
import org.socketlab.websocket.socketio.SocketIoServer;

/** Lab 13 — Socket.IO events, namespaces, rooms and the fallback. Guide: labs/guides/13-socketio-events-namespaces-fallback.md. */
@Timeout(20)
class Lab13SocketIoGradingTest {

    private static final String GUIDE = "labs/guides/13-socketio-events-namespaces-fallback.md";
    private SocketIoServer server;

    @BeforeEach
    void start() throws IOException {
        server = Lab13SocketIo.startServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String hint(String what, String section) {
        return what + " — read " + GUIDE + ", section \"" + section + "\"";
    }

    private PollingWire connected() throws IOException, InterruptedException {
        PollingWire wire = PollingWire.handshake(server.port());
        wire.send("40");
        wire.await(p -> p.startsWith("40"));
        return wire;
    }

    @Test
    @Points(2)
    @DisplayName("Your server answers the Engine.IO handshake with an open packet: sid, upgrades, timers, maxPayload")
    void handshakeOpenPacket() throws Exception {
        String open = PollingWire.handshake(server.port()).openPacket();
        assertThat(open).as(hint("GET /socket.io/?EIO=4&transport=polling must return 0{...}", "Step 1: the handshake"))
                .startsWith("0{\"sid\":\"")
                .contains("\"upgrades\":[\"websocket\"]", "\"pingInterval\":", "\"pingTimeout\":", "\"maxPayload\":");
    }

    @Test
    @Points(2)
    @DisplayName("Your server replies to CONNECT with 40{\"sid\":...}: the official client refuses a reply without sid")
    void connectReplyCarriesSid() throws Exception {
        PollingWire wire = PollingWire.handshake(server.port());
        wire.send("40");
        String reply = wire.await(p -> p.startsWith("40"));
        assertThat(reply).as(hint("the CONNECT reply of the main namespace", "Step 2: CONNECT")).matches("40\\{\"sid\":\"[^\"]+\"}");
    }

    @Test
    @Points(2)
    @DisplayName("Your server acknowledges an event with the same ack id: 421[...] is answered by 431[...]")
    void eventIsAcknowledged() throws Exception {
        PollingWire wire = connected();
        wire.send("421[\"chat message\",\"hello\"]");
        assertThat(wire.await(p -> p.startsWith("43")))
                .as(hint("an EVENT with ack id 1 must be answered by ACK 1", "Step 3: events and acks"))
                .isEqualTo("431[\"delivered\"]");
    }

    @Test
    @Points(2)
    @DisplayName("Your server puts binary attachments back in place of their placeholders")
    void binaryAttachment() throws Exception {
        PollingWire wire = connected();
        wire.send("451-2[\"upload\",{\"_placeholder\":true,\"num\":0}]", "bAQIDBAU=");
        assertThat(wire.await(p -> p.startsWith("43")))
                .as(hint("the server should see the 5 attached bytes and ack their count", "Step 3: events and acks"))
                .isEqualTo("432[5]");
    }

    @Test
    @Points(2)
    @DisplayName("Your namespace middleware refuses a bad token with CONNECT_ERROR and admits a good one")
    void namespaceMiddleware() throws Exception {
        PollingWire wire = connected();
        wire.send("40/admin,{\"token\":\"guess\"}");
        assertThat(wire.await(p -> p.startsWith("44/admin,")))
                .as(hint("a refused CONNECT gets 44/admin,{\"message\":...}", "Step 4: namespaces"))
                .contains("\"message\":\"not authorized\"");
        wire.send("40/admin,{\"token\":\"letmein\"}");
        assertThat(wire.await(p -> p.startsWith("40/admin,"))).as(hint("an admitted CONNECT", "Step 4: namespaces"))
                .startsWith("40/admin,{\"sid\":");
    }

    @Test
    @Points(2)
    @DisplayName("Your room broadcast reaches the room's members and leaves the sender out")
    void roomBroadcast() throws Exception {
        PollingWire alice = connected();
        PollingWire bob = connected();
        bob.send("427[\"join\",\"lab\"]");
        bob.await(p -> p.startsWith("437"));
        alice.send("427[\"join\",\"lab\"]");
        alice.await(p -> p.startsWith("437"));
        alice.send("42[\"to room\",\"lab\",\"hi room\"]", "428[\"join\",\"other\"]");
        assertThat(bob.await(p -> p.startsWith("42[\"room message\"")))
                .as(hint("bob is in the room", "Step 5: rooms")).isEqualTo("42[\"room message\",\"hi room\"]");
        alice.await(p -> p.startsWith("438"));
        assertThat(alice.unclaimed()).as(hint("socket.to(room) leaves the sender out", "Step 5: rooms"))
                .noneMatch(p -> p.contains("room message"));
    }

    @Test
    @Points(1)
    @DisplayName("Your server pings (2) on its own: the heartbeat is server-initiated in Engine.IO v4")
    void serverPings() throws Exception {
        PollingWire wire = connected();
        boolean pinged = false;
        for (int polls = 0; polls < 5 && !pinged; polls++) {
            pinged = wire.poll().contains("2");
        }
        assertThat(pinged).as(hint("a long poll should return a ping within pingInterval", "Step 6: heartbeat")).isTrue();
    }

    @Test
    @Points(1)
    @DisplayName("Your server answers an unknown sid with 400 and {\"code\":1,...}")
    void unknownSid() throws Exception {
        HttpResponse<String> response = PollingWire.get(HttpClient.newHttpClient(),
                "http://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=polling&sid=nope");
        assertThat(response.statusCode()).as(hint("status for an unknown session", "Step 6: heartbeat")).isEqualTo(400);
        assertThat(response.body()).as(hint("the Engine.IO error body", "Step 6: heartbeat"))
                .isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
    }

    @Test
    @Points(3)
    @DisplayName("Your server upgrades a polling session to WebSocket: 2probe/3probe, noop for the pending GET, then 5")
    void upgrade() throws Exception {
        PollingWire wire = connected();
        HttpClient http = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> pendingPoll = http.sendAsync(
                HttpRequest.newBuilder(URI.create(wire.sessionUrl())).build(), HttpResponse.BodyHandlers.ofString());
        LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(wire.sessionUrl().replace("http://", "ws://")
                .replace("transport=polling", "transport=websocket")), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        if (!data.toString().equals("2")) {
                            frames.add(data.toString());
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
        ws.sendText("2probe", true).get(5, TimeUnit.SECONDS);
        assertThat(frames.poll(5, TimeUnit.SECONDS)).as(hint("the probe answer", "Step 7: upgrade")).isEqualTo("3probe");
        assertThat(pendingPoll.get(5, TimeUnit.SECONDS).body())
                .as(hint("the pending GET must end (with other packets or a 6 noop)", "Step 7: upgrade"))
                .isNotEmpty();
        ws.sendText("5", true).get(5, TimeUnit.SECONDS);
        ws.sendText("429[\"chat message\",\"over ws\"]", true).get(5, TimeUnit.SECONDS);
        assertThat(frames.poll(5, TimeUnit.SECONDS)).as(hint("after 5, packets travel as WebSocket frames", "Step 7: upgrade"))
                .isEqualTo("439[\"delivered\"]");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    }

    @Test
    @Points(1)
    @DisplayName("Your server closes a session that sends a malformed Socket.IO packet")
    void malformedPacketClosesSession() throws Exception {
        PollingWire wire = connected();
        wire.send("42{\"not\":\"an array\"}");
        HttpResponse<String> after = PollingWire.get(HttpClient.newHttpClient(), wire.sessionUrl());
        assertThat(after.body()).as(hint("a parse error ends the session: the next GET sees the close packet (1)"
                + " or an unknown sid", "Experiments")).satisfiesAnyOf(
                body -> assertThat(body).endsWith("1"),
                body -> assertThat(body).contains("\"code\":1"));
    }

    @Test
    @Points(2)
    @DisplayName("Your SockJS endpoint carries one message over each HTTP transport: o first, then a[\"hi\"] in its framing")
    void sockJsHttpTransports() throws Exception {
        try (SockJsServer sockJs = SockJsServer.start("127.0.0.1", 0, SockJsOptions.defaults())) {
            SockJsTour tour = new SockJsTour(sockJs.frontDoor().port(), line -> { });
            String section = "Step 8: SockJS";
            assertThat(tour.xhrPolling()).as(hint("xhr-polling: POST /xhr twice around an xhr_send", section))
                    .containsExactly("o\n", "a[\"hi\"]\n");
            assertThat(tour.jsonpPolling()).as(hint("jsonp-polling: GET /jsonp?c=cb twice around a jsonp_send", section))
                    .containsExactly("cb(\"o\");\r\n", "cb(\"a[\\\"hi\\\"]\");\r\n");
            assertThat(tour.streaming("POST", "xhr_streaming")).as(hint("xhr-streaming: one chunk per frame", section))
                    .containsExactly("o\n", "a[\"hi\"]\n");
            assertThat(tour.streaming("GET", "eventsource")).as(hint("eventsource: one data: event per frame", section))
                    .containsExactly("data: o\r\n\r\n", "data: a[\"hi\"]\r\n\r\n");
            assertThat(tour.streaming("GET", "htmlfile?c=cb")).as(hint("htmlfile: one <script> per frame", section))
                    .containsExactly("<script>\np(\"o\");\n</script>\r\n",
                            "<script>\np(\"a[\\\"hi\\\"]\");\n</script>\r\n");
        }
    }

    @Test
    @Points(1)
    @DisplayName("Your SockJS endpoint speaks SockJS framing over WebSocket: o, then a[\"hi\"] as text messages")
    void sockJsWebSocketTransport() throws Exception {
        try (SockJsServer sockJs = SockJsServer.start("127.0.0.1", 0, SockJsOptions.defaults())) {
            assertThat(new SockJsTour(sockJs.frontDoor().port(), line -> { }).webSocket())
                    .as(hint("the websocket transport: /echo/<server>/<session>/websocket", "Step 8: SockJS"))
                    .containsExactly("o", "a[\"hi\"]");
        }
    }

    @Test
    @Points(1)
    @DisplayName("Your SockJS endpoint refuses a second receiving request on a session with c[2010,...]")
    void sockJsSecondReceiverGets2010() throws Exception {
        try (SockJsServer sockJs = SockJsServer.start("127.0.0.1", 0, SockJsOptions.defaults());
             org.socketlab.labs.socketio.SockJsWire first = org.socketlab.labs.socketio.SockJsWire.send(
                     sockJs.frontDoor().port(), "POST", "/echo/000/graded-2010/xhr_streaming", "text/plain", "",
                     line -> { })) {
            first.head();
            first.chunk();
            assertThat(first.chunk()).isEqualTo("o\n"); // the first receiver is attached now
            try (org.socketlab.labs.socketio.SockJsWire second = org.socketlab.labs.socketio.SockJsWire.send(
                    sockJs.frontDoor().port(), "POST", "/echo/000/graded-2010/xhr", "text/plain", "", line -> { })) {
                assertThat(second.body(second.head()))
                        .as(hint("one receiving request per session; another gets the 2010 close frame", "Step 8: SockJS"))
                        .isEqualTo("c[2010,\"Another connection still open\"]\n");
            }
        }
    }
}
