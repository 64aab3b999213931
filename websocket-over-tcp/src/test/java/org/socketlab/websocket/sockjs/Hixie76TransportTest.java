package org.socketlab.websocket.sockjs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.demo.SockJsServer;

/**
 * sockjs-protocol-0.3.3.py's {@code WebsocketHixie76} cases against {@link SockJsServer}, with a
 * raw hixie-76 client; and the switch that turns hixie-76 off.
 */
@Timeout(30)
class Hixie76TransportTest {

    private static SockJsServer server;
    private static SockJsServer withoutHixie;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        server = SockJsServer.start("127.0.0.1", 0, SockJsOptions.defaults().withStreamBytesLimit(4096));
        port = server.frontDoor().port();
        withoutHixie = SockJsServer.start("127.0.0.1", 0, SockJsOptions.defaults().withHixie76Enabled(false));
    }

    @AfterAll
    static void stop() {
        server.close();
        withoutHixie.close();
    }

    private static String url(String service) {
        return "/" + service + "/000/" + UUID.randomUUID() + "/websocket";
    }

    @Test
    void test_transport_echoes() throws Exception {
        try (Hixie76Client ws = Hixie76Client.connect(port, url("echo"))) {
            assertThat(ws.recv()).isEqualTo("o");
            ws.send("[\"a\"]");
            assertThat(ws.recv()).isEqualTo("a[\"a\"]");
            ws.send("[\"\u00e9\u2603\ud83d\ude00\"]");
            // SockJS escapes surrogates (\\uXXXX) on the way out; JSON-decoded it is the same string
            assertThat(ws.recv()).isEqualTo("a[\"\u00e9\u2603\\ud83d\\ude00\"]");
        }
    }

    @Test
    void test_close_sendsTheCloseFrame_thenClosesTheConnection() throws Exception {
        try (Hixie76Client ws = Hixie76Client.connect(port, url("close"))) {
            assertThat(ws.recv()).isEqualTo("o");
            assertThat(ws.recv()).isEqualTo("c[3000,\"Go away!\"]");
            assertThat(ws.recv()).as("the closing handshake or the end of the connection").isNull();
            assertThat(ws.closedByServer()).isTrue();
        }
    }

    @Test
    void test_empty_frame_isIgnored() throws Exception {
        try (Hixie76Client ws = Hixie76Client.connect(port, url("echo"))) {
            assertThat(ws.recv()).isEqualTo("o");
            ws.send("");
            ws.send("[\"a\"]");
            assertThat(ws.recv()).isEqualTo("a[\"a\"]");
        }
    }

    @Test
    void test_reuseSessionId_twoWebSocketsShareOneId_andItCanBeUsedAgain() throws Exception {
        String url = url("echo");
        try (Hixie76Client ws1 = Hixie76Client.connect(port, url); Hixie76Client ws2 = Hixie76Client.connect(port, url)) {
            assertThat(ws1.recv()).isEqualTo("o");
            assertThat(ws2.recv()).isEqualTo("o");
            ws1.send("[\"a\"]");
            assertThat(ws1.recv()).isEqualTo("a[\"a\"]");
            ws2.send("[\"b\"]");
            assertThat(ws2.recv()).isEqualTo("a[\"b\"]");
            ws1.send(""); // nothing comes back for it; the closing handshake follows
            ws1.out.write(Hixie76Codec.CLOSING_FRAME);
            ws1.out.flush();
            assertThat(ws1.recv()).as("the server answers the closing handshake").isNull();
        }
        try (Hixie76Client again = Hixie76Client.connect(port, url)) {
            assertThat(again.recv()).isEqualTo("o");
            again.send("[\"a\"]");
            assertThat(again.recv()).isEqualTo("a[\"a\"]");
        }
    }

    @Test
    void test_haproxy_headersBeforeKey3_thenTheAnswer() throws Exception {
        String url = url("echo");
        try (Hixie76Client c = Hixie76Client.sendHead(port, url)) {
            c.readHead(); // blocks until the server writes its head without having key3
            assertThat(c.status).isEqualTo(101);
            assertThat(c.headers.get("connection").toLowerCase()).isEqualTo("upgrade");
            assertThat(c.headers.get("upgrade").toLowerCase()).isEqualTo("websocket");
            assertThat(c.headers.get("sec-websocket-location")).isEqualTo("ws://127.0.0.1:" + port + url);
            assertThat(c.headers.get("sec-websocket-origin")).isEqualTo("http://127.0.0.1:" + port);
            assertThat(c.headers).doesNotContainKey("content-length");
            c.out.write(Hixie76HandshakeTest.KEY3);
            c.out.flush();
            assertThat(c.in.readNBytes(16)).containsExactly(Hixie76HandshakeTest.ANSWER);
            assertThat(c.recv()).isEqualTo("o");
        }
    }

    @Test
    void test_broken_json_endsTheConnection() throws Exception {
        try (Hixie76Client ws = Hixie76Client.connect(port, url("echo"))) {
            assertThat(ws.recv()).isEqualTo("o");
            ws.send("[\"a");
            assertThat(ws.recv()).isNull();
            assertThat(ws.closedByServer()).isTrue();
        }
    }

    @Test
    void hixie76Off_theRequestIsAnRfc6455HandshakeWithoutAKey_andRefused() throws Exception {
        try (Hixie76Client c = Hixie76Client.sendHead(withoutHixie.frontDoor().port(), url("echo"))) {
            c.readHead();
            assertThat(c.status).as("refused, not switched").isBetween(400, 499);
        }
    }

    @Test
    void nativeEndpoint_neverSpeaksHixie76() throws Exception {
        try (Hixie76Client c = Hixie76Client.sendHead(port, "/echo")) {
            c.readHead();
            assertThat(c.status).as("the endpoint itself is RFC 6455 only").isBetween(400, 499);
        }
    }
}
