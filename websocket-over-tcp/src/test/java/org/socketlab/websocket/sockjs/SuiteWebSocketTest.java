package org.socketlab.websocket.sockjs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * sockjs-protocol-0.3.3.py, classes WebsocketHttpErrors, WebsocketHybi10 and RawWebsocket, one
 * test per suite method (WebsocketHixie76 is {@link Hixie76TransportTest}). The suite's hybi-10
 * client speaks version 8, whose frames are RFC 6455's: the JDK client stands in for it, and the
 * handshakes of versions 7, 8 and 13 are checked raw.
 */
class SuiteWebSocketTest extends SuiteCase {

    @Nested
    class WebsocketHttpErrors {
        @Test
        void test_httpMethod() throws Exception {
            try (RawHttp r = get("/echo/0/0/websocket")) {
                assertThat(r.status).isEqualTo(400);
                assertThat(r.body()).contains("Can \"Upgrade\" only to \"WebSocket\".");
            }
        }

        @Test
        void test_invalidConnectionHeader() throws Exception {
            try (RawHttp r = get("/echo/0/0/websocket", "Upgrade: WebSocket", "Connection: close")) {
                assertThat(r.status).isEqualTo(400);
                assertThat(r.body()).contains("\"Connection\" must be \"Upgrade\".");
            }
        }

        @Test
        void test_invalidMethod() throws Exception {
            for (String[] headers : List.of(new String[] {"Upgrade: WebSocket", "Connection: Upgrade"}, new String[0])) {
                try (RawHttp r = post("/echo/0/0/websocket", "", headers)) {
                    assertThat(r.status).isEqualTo(405);
                    assertThat(r.header("Content-Type")).isNull();
                    assertThat(r.header("Allow")).isNotBlank();
                    assertThat(r.body()).isEmpty();
                }
            }
        }
    }

    @Nested
    class WebsocketHybi10 {
        @Test
        void test_transport() throws Exception {
            Frames ws = Frames.connect(port, session("echo") + "/websocket");
            assertThat(ws.next()).isEqualTo("o");
            ws.socket.sendText("", true).join();
            ws.socket.sendText("[\"a\"]", true).join();
            assertThat(ws.next()).isEqualTo("a[\"a\"]");
            ws.socket.sendClose(1000, "").join();
        }

        @Test
        void test_close() throws Exception {
            Frames ws = Frames.connect(port, session("close") + "/websocket");
            assertThat(ws.next()).isEqualTo("o");
            assertThat(ws.next()).isEqualTo("c[3000,\"Go away!\"]");
            assertThat(ws.next()).startsWith("CLOSED");
        }

        @Test
        void test_headersSanity() throws Exception {
            for (String version : List.of("7", "8", "13")) {
                String url = "/echo/000/" + UUID.randomUUID() + "/websocket";
                try (RawHttp r = get(url, "Upgrade: websocket", "Connection: Upgrade",
                        "Sec-WebSocket-Version: " + version, "Sec-WebSocket-Origin: http://asd",
                        "Sec-WebSocket-Key: x3JJHMbDL1EzLkh9GBhXDw==")) {
                    assertThat(r.status).as("version %s", version).isEqualTo(101);
                    assertThat(r.header("Sec-WebSocket-Accept")).isEqualTo("HSmrc0sMlYUkAGmm5OPpG2HaGWk=");
                    assertThat(r.header("Connection").toLowerCase()).isEqualTo("upgrade");
                    assertThat(r.header("Upgrade").toLowerCase()).isEqualTo("websocket");
                    assertThat(r.header("Content-Length")).isNull();
                }
            }
        }

        @Test
        void test_broken_json() throws Exception {
            Frames ws = Frames.connect(port, session("echo") + "/websocket");
            assertThat(ws.next()).isEqualTo("o");
            ws.socket.sendText("[\"a", true).join();
            assertThat(ws.next()).startsWith("CLOSED");
        }

        @Test
        void test_firefox_602_connection_header() throws Exception {
            try (RawHttp r = get(session("echo") + "/websocket", "Upgrade: websocket",
                    "Connection: keep-alive, Upgrade", "Sec-WebSocket-Version: 7", "Sec-WebSocket-Origin: http://asd",
                    "Sec-WebSocket-Key: x3JJHMbDL1EzLkh9GBhXDw==")) {
                assertThat(r.status).isEqualTo(101);
            }
        }
    }

    @Nested
    class RawWebsocket {
        @Test
        void test_transport() throws Exception {
            Frames ws = Frames.connect(port, "/echo/websocket");
            ws.socket.sendText("Hello world!\uffff", true).join();
            assertThat(ws.next()).isEqualTo("Hello world!\uffff");
            ws.socket.sendClose(1000, "").join();
        }

        @Test
        void test_close() throws Exception {
            Frames ws = Frames.connect(port, "/close/websocket");
            assertThat(ws.next()).startsWith("CLOSED");
        }
    }
}
