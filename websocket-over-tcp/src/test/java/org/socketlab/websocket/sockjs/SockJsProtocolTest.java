package org.socketlab.websocket.sockjs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.demo.SockJsServer;

/**
 * The important cases of the SockJS protocol's own test suite (sockjs-protocol-0.3.3.py), run
 * with a raw HTTP client against {@link SockJsServer} (stream limit 4,096 bytes, as the suite
 * expects of its test server). Nested classes are named after the suite's.
 */
@Timeout(30)
class SockJsProtocolTest {

    private static final String NO_CACHE = "no-store, no-cache, must-revalidate, max-age=0";
    private static SockJsServer server;
    private static int port;
    /** How many receiving requests the server has attached, per session id (SockJsOptions.ReceiverListener). */
    private static final Map<String, Integer> ATTACHED = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        server = SockJsServer.start("127.0.0.1", 0, SockJsOptions.defaults().withStreamBytesLimit(4096)
                .withReceiverListener(SockJsProtocolTest::attached));
        port = server.frontDoor().port();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawHttp get(String target, String... headers) throws Exception {
        return new RawHttp(port).request("GET", target, "HTTP/1.1", "", headers);
    }

    private static RawHttp post(String target, String body, String... headers) throws Exception {
        return new RawHttp(port).request("POST", target, "HTTP/1.1", body, headers);
    }

    private static String session(String service) {
        return "/" + service + "/000/" + UUID.randomUUID();
    }

    private static String contentType(RawHttp response) {
        return response.header("Content-Type").replace(" ", "");
    }

    @Nested
    class BaseUrlGreeting {
        @Test
        void greeting_isPlainTextWithoutCookie() throws Exception {
            for (String url : List.of("/echo", "/echo/")) {
                try (RawHttp r = get(url)) {
                    assertThat(r.status).as(url).isEqualTo(200);
                    assertThat(contentType(r)).isEqualTo("text/plain;charset=UTF-8");
                    assertThat(r.body()).isEqualTo("Welcome to SockJS!\n");
                    assertThat(r.header("Set-Cookie")).isNull();
                }
            }
        }

        @Test
        void otherUrls_are404() throws Exception {
            for (String suffix : List.of("/a", "/a.html", "//", "///", "/a/a", "/a/a/", "/a/")) {
                try (RawHttp r = get("/echo" + suffix)) {
                    assertThat(r.status).as(suffix).isEqualTo(404);
                }
            }
        }
    }

    @Nested
    class IframePage {
        @Test
        void iframe_isStronglyCacheable_andAnswers304ToItsETag() throws Exception {
            String etag;
            try (RawHttp r = get("/echo/iframe-0.1.2.html?t=123414")) {
                assertThat(r.status).isEqualTo(200);
                assertThat(contentType(r)).isEqualTo("text/html;charset=UTF-8");
                assertThat(r.header("Cache-Control")).contains("public").containsPattern("max-age=[1-9][0-9]{6}");
                assertThat(r.header("Expires")).matches("\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
                assertThat(r.header("Last-Modified")).isNull();
                etag = r.header("ETag");
                assertThat(etag).isNotBlank();
                assertThat(r.body()).contains("_sockjs_onload = function(){SockJS.bootstrap_iframe();};")
                        .contains("<script src=\"/sockjs.min.js\"></script>");
            }
            try (RawHttp r = get("/echo/iframe.html", "If-None-Match: " + etag)) {
                assertThat(r.status).isEqualTo(304);
                assertThat(r.header("Content-Type")).isNull();
                assertThat(r.body()).isEmpty();
            }
        }
    }

    @Nested
    class InfoTest {
        @Test
        void info_describesTheServer_isNeverCached_andAllowsCors() throws Exception {
            long firstEntropy;
            try (RawHttp r = get("/echo/info")) {
                assertThat(r.status).isEqualTo(200);
                assertThat(contentType(r)).isEqualTo("application/json;charset=UTF-8");
                assertThat(r.header("Cache-Control")).isEqualTo(NO_CACHE);
                assertThat(r.header("Expires")).isNull();
                assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
                assertThat(r.header("Set-Cookie")).isNull();
                String body = r.body();
                assertThat(body).contains("\"websocket\":true", "\"cookie_needed\":false", "\"origins\":[\"*:*\"]");
                firstEntropy = Long.parseLong(body.replaceAll(".*\"entropy\":(\\d+).*", "$1"));
            }
            try (RawHttp r = get("/echo/info")) {
                assertThat(r.body()).doesNotContain("\"entropy\":" + firstEntropy + "}");
            }
            try (RawHttp r = get("/disabled_websocket_echo/info")) {
                assertThat(r.body()).contains("\"websocket\":false");
            }
            try (RawHttp r = get("/cookie_needed_echo/info")) {
                assertThat(r.header("Set-Cookie")).isNull();
                assertThat(r.body()).contains("\"cookie_needed\":true");
            }
        }

        @Test
        void options_isCacheableForAYear_withCorsForEachKindOfOrigin() throws Exception {
            for (String origin : new String[] {null, "test", "null"}) {
                String[] headers = origin == null ? new String[0] : new String[] {"Origin: " + origin};
                try (RawHttp r = new RawHttp(port).request("OPTIONS", "/echo/info", "HTTP/1.1", "", headers)) {
                    assertThat(r.status).isEqualTo(204);
                    assertThat(r.header("Cache-Control")).contains("public").containsPattern("max-age=[1-9][0-9]{6}");
                    assertThat(r.header("Expires")).isNotBlank();
                    assertThat(Long.parseLong(r.header("Access-Control-Max-Age"))).isGreaterThan(1_000_000);
                    assertThat(r.header("Access-Control-Allow-Methods")).isEqualTo("OPTIONS, GET");
                    if ("test".equals(origin)) {
                        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("test");
                        assertThat(r.header("Access-Control-Allow-Credentials")).isEqualTo("true");
                    } else {
                        assertThat(r.header("Access-Control-Allow-Origin")).as("origin %s", origin).isEqualTo("*");
                    }
                }
            }
        }
    }

    @Nested
    class Protocol {
        @Test
        void simpleSession_echoes_andRefusesASecondReceiverWith2010() throws Exception {
            String url = session("echo");
            try (RawHttp r = post(url + "/xhr", "")) {
                assertThat(r.body()).isEqualTo("o\n");
            }
            try (RawHttp r = post(url + "/xhr_send", "[\"a\"]")) {
                assertThat(r.status).isEqualTo(204);
                assertThat(r.body()).isEmpty();
            }
            try (RawHttp r = post(url + "/xhr", "")) {
                assertThat(r.body()).isEqualTo("a[\"a\"]\n");
            }
            try (RawHttp r = post("/echo/000/bad_session/xhr_send", "[\"a\"]")) {
                assertThat(r.status).isEqualTo(404);
            }
            int before = attachedCount(url);
            try (RawHttp held = new RawHttp(port).send("POST", url + "/xhr", "HTTP/1.1", "")) {
                // once the held poll is attached, a second one gets 2010
                awaitAttached(url, before + 1);
                try (RawHttp second = post(url + "/xhr", "")) {
                    assertThat(second.status).isEqualTo(200);
                    assertThat(second.body()).isEqualTo("c[2010,\"Another connection still open\"]\n");
                }
            }
        }

        @Test
        void closedSession_servesItsCloseFrameToEveryRequest() throws Exception {
            String url = session("close");
            try (RawHttp r = post(url + "/xhr", "")) {
                assertThat(r.body()).isEqualTo("o\n");
            }
            for (int i = 0; i < 2; i++) {
                try (RawHttp r = post(url + "/xhr", "")) {
                    assertThat(r.status).isEqualTo(200);
                    assertThat(r.body()).isEqualTo("c[3000,\"Go away!\"]\n");
                }
            }
        }
    }

    @Nested
    class WebsocketHttpErrors {
        @Test
        void plainGet_is400_badConnectionHeader_is400_post_is405WithoutBody() throws Exception {
            try (RawHttp r = get("/echo/0/0/websocket")) {
                assertThat(r.status).isEqualTo(400);
                assertThat(r.body()).contains("Can \"Upgrade\" only to \"WebSocket\".");
            }
            try (RawHttp r = get("/echo/0/0/websocket", "Upgrade: WebSocket", "Connection: close")) {
                assertThat(r.status).isEqualTo(400);
                assertThat(r.body()).contains("\"Connection\" must be \"Upgrade\".");
            }
            try (RawHttp r = post("/echo/0/0/websocket", "", "Upgrade: WebSocket", "Connection: Upgrade")) {
                assertThat(r.status).isEqualTo(405);
                assertThat(r.header("Content-Type")).isNull();
                assertThat(r.header("Allow")).isNotBlank();
                assertThat(r.body()).isEmpty();
            }
        }

        @Test
        void hybi07And08Handshakes_areAccepted() throws Exception {
            for (String version : List.of("7", "8", "13")) {
                try (RawHttp r = get("/echo/000/" + UUID.randomUUID() + "/websocket", "Upgrade: websocket",
                        "Connection: keep-alive, Upgrade", "Sec-WebSocket-Version: " + version,
                        "Sec-WebSocket-Origin: http://asd", "Sec-WebSocket-Key: x3JJHMbDL1EzLkh9GBhXDw==")) {
                    assertThat(r.status).as("version %s", version).isEqualTo(101);
                    assertThat(r.header("Sec-WebSocket-Accept")).isEqualTo("HSmrc0sMlYUkAGmm5OPpG2HaGWk=");
                    assertThat(r.header("Content-Length")).isNull();
                }
            }
        }

        @Test
        void disabledWebSocket_is404() throws Exception {
            try (RawHttp r = get("/disabled_websocket_echo/000/a/websocket", "Upgrade: websocket", "Connection: Upgrade",
                    "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: x3JJHMbDL1EzLkh9GBhXDw==")) {
                assertThat(r.status).isEqualTo(404);
            }
        }
    }

    @Nested
    class XhrPolling {
        @Test
        void transport_headers() throws Exception {
            String url = session("echo");
            try (RawHttp r = post(url + "/xhr", "")) {
                assertThat(contentType(r)).isEqualTo("application/javascript;charset=UTF-8");
                assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
                assertThat(r.header("Cache-Control")).isEqualTo(NO_CACHE);
                assertThat(r.body()).isEqualTo("o\n");
            }
            try (RawHttp r = post(url + "/xhr_send", "[\"x\"]", "Origin: http://a.example")) {
                assertThat(r.status).isEqualTo(204);
                assertThat(contentType(r)).isEqualTo("text/plain;charset=UTF-8");
                assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("http://a.example");
                assertThat(r.header("Access-Control-Allow-Credentials")).isEqualTo("true");
                assertThat(r.header("Cache-Control")).isEqualTo(NO_CACHE);
            }
            try (RawHttp r = post(url + "/xhr", "", "Access-Control-Request-Headers: a, b, c")) {
                assertThat(r.header("Access-Control-Allow-Headers")).isEqualTo("a, b, c");
                assertThat(r.body()).isEqualTo("a[\"x\"]\n");
            }
        }

        @Test
        void invalidJson_is500_andTheSessionSurvives() throws Exception {
            String url = session("echo");
            post(url + "/xhr", "").close();
            try (RawHttp r = post(url + "/xhr_send", "[\"x")) {
                assertThat(r.status).isEqualTo(500);
                assertThat(r.body()).contains("Broken JSON encoding.");
            }
            try (RawHttp r = post(url + "/xhr_send", "")) {
                assertThat(r.status).isEqualTo(500);
                assertThat(r.body()).contains("Payload expected.");
            }
            try (RawHttp r = post(url + "/xhr_send", "[\"a\"]", "Content-Type: T")) {
                assertThat(r.status).isEqualTo(204);
            }
            try (RawHttp r = post(url + "/xhr", "")) {
                assertThat(r.body()).isEqualTo("a[\"a\"]\n");
            }
        }

        @Test
        void options_forXhrAndXhrSend() throws Exception {
            for (String suffix : List.of("/xhr", "/xhr_send", "/xhr_streaming")) {
                try (RawHttp r = new RawHttp(port).request("OPTIONS", "/echo/abc/abc" + suffix, "HTTP/1.1", "")) {
                    assertThat(r.status).isEqualTo(204);
                    assertThat(r.header("Access-Control-Allow-Methods")).isEqualTo("OPTIONS, POST");
                }
            }
        }

        @Test
        void abortedPoll_closesTheSessionWith1002() throws Exception {
            String url = session("echo");
            post(url + "/xhr", "").close();
            int before = attachedCount(url);
            RawHttp held = new RawHttp(port).send("POST", url + "/xhr", "HTTP/1.1", "");
            awaitAttached(url, before + 1);
            try (RawHttp second = post(url + "/xhr", "")) {
                assertThat(second.body()).isEqualTo("c[2010,\"Another connection still open\"]\n");
            }
            held.close();
            try (RawHttp third = post(url + "/xhr", "")) {
                assertThat(third.body()).isIn("o\n", "c[1002,\"Connection interrupted\"]\n");
            }
        }
    }

    @Nested
    class Streaming {
        @Test
        void xhrStreaming_prelude_frames_andTheByteLimit() throws Exception {
            String url = session("echo");
            try (RawHttp stream = post(url + "/xhr_streaming", "")) {
                assertThat(stream.status).isEqualTo(200);
                assertThat(contentType(stream)).isEqualTo("application/javascript;charset=UTF-8");
                assertThat(stream.header("Cache-Control")).isEqualTo(NO_CACHE);
                assertThat(stream.readChunk()).isEqualTo("h".repeat(2048) + "\n");
                assertThat(stream.readChunk()).isEqualTo("o\n");
                String message = "\"" + "x".repeat(128) + "\"";
                for (int i = 0; i < 31; i++) {
                    try (RawHttp send = post(url + "/xhr_send", "[" + message + "]")) {
                        assertThat(send.status).isEqualTo(204);
                    }
                    assertThat(stream.readChunk()).as("message %d", i).isEqualTo("a[" + message + "]\n");
                }
                assertThat(stream.readChunk()).as("the stream ends after 4,096 bytes of frames").isEmpty();
            }
        }

        @Test
        void eventSource_framesAsDataEvents_withEscapes() throws Exception {
            String url = session("echo");
            try (RawHttp stream = get(url + "/eventsource")) {
                assertThat(contentType(stream)).isEqualTo("text/event-stream;charset=UTF-8");
                assertThat(stream.header("Cache-Control")).isEqualTo(NO_CACHE);
                assertThat(stream.readChunk()).isEqualTo("\r\n");
                assertThat(stream.readChunk()).isEqualTo("data: o\r\n\r\n");
                post(url + "/xhr_send", "[\"  \\u0000\\n\\r \"]").close();
                assertThat(stream.readChunk()).isEqualTo("data: a[\"  \\u0000\\n\\r \"]\r\n\r\n");
            }
        }

        @Test
        void htmlFile_padsItsPrelude_andNeedsAValidCallback() throws Exception {
            String url = session("echo");
            try (RawHttp stream = get(url + "/htmlfile?c=%63allback")) {
                assertThat(contentType(stream)).isEqualTo("text/html;charset=UTF-8");
                String prelude = stream.readChunk();
                assertThat(prelude.length()).isGreaterThan(1024);
                assertThat(prelude.strip()).startsWith("<!doctype html>").contains("var c = parent.callback;")
                        .endsWith("</script>");
                assertThat(stream.readChunk()).isEqualTo("<script>\np(\"o\");\n</script>\r\n");
                post(url + "/xhr_send", "[\"x\"]").close();
                assertThat(stream.readChunk()).isEqualTo("<script>\np(\"a[\\\"x\\\"]\");\n</script>\r\n");
            }
            try (RawHttp r = get("/echo/a/a/htmlfile")) {
                assertThat(r.status).isEqualTo(500);
                assertThat(r.body()).contains("\"callback\" parameter required");
            }
            try (RawHttp r = get("/echo/a/b/htmlfile?c=alert(1)")) {
                assertThat(r.status).isEqualTo(500);
                assertThat(r.body()).contains("invalid \"callback\" parameter");
            }
        }

        @Test
        void closeFrame_endsTheStream_andASecondStreamGetsItToo() throws Exception {
            String url = session("close");
            try (RawHttp first = post(url + "/xhr_streaming", "")) {
                first.readChunk();
                assertThat(first.readChunk()).isEqualTo("o\n");
                assertThat(first.readChunk()).isEqualTo("c[3000,\"Go away!\"]\n");
                assertThat(first.readChunk()).isEmpty();
            }
            try (RawHttp second = post(url + "/xhr_streaming", "")) {
                second.readChunk();
                assertThat(second.readChunk()).isEqualTo("c[3000,\"Go away!\"]\n");
                assertThat(second.readChunk()).isEmpty();
            }
        }

        @Test
        void http10Streaming_hasNeitherChunksNorLength_andClosesAfterTheCloseFrame() throws Exception {
            try (RawHttp r = new RawHttp(port).request("POST", session("close") + "/xhr_streaming", "HTTP/1.0", "",
                    "Connection: Keep-Alive")) {
                assertThat(r.status).isEqualTo(200);
                assertThat(r.header("Transfer-Encoding")).isNull();
                assertThat(r.header("Content-Length")).isNull();
                assertThat(r.read(2049)).startsWith("h");
                assertThat(r.read(2)).isEqualTo("o\n");
                assertThat(r.read(19)).isEqualTo("c[3000,\"Go away!\"]\n");
                assertThat(r.closedByServer()).isTrue();
            }
        }
    }

    @Nested
    class JsonPolling {
        @Test
        void jsonp_andJsonpSend_formEncodedOrRaw() throws Exception {
            String url = session("echo");
            try (RawHttp r = get(url + "/jsonp?c=%63allback")) {
                assertThat(contentType(r)).isEqualTo("application/javascript;charset=UTF-8");
                assertThat(r.header("Cache-Control")).isEqualTo(NO_CACHE);
                assertThat(r.body()).isEqualTo("callback(\"o\");\r\n");
            }
            try (RawHttp r = post(url + "/jsonp_send", "d=%5B%22abc%22%5D",
                    "Content-Type: application/x-www-form-urlencoded")) {
                assertThat(r.status).isEqualTo(200);
                assertThat(contentType(r)).isEqualTo("text/plain;charset=UTF-8");
                assertThat(r.body()).isEqualTo("ok");
            }
            try (RawHttp r = post(url + "/jsonp_send", "[\"%61bc\"]", "Content-Type: text/plain")) {
                assertThat(r.body()).isEqualTo("ok");
            }
            for (String empty : List.of("", "d=", "p=p")) {
                try (RawHttp r = post(url + "/jsonp_send", empty, "Content-Type: application/x-www-form-urlencoded")) {
                    assertThat(r.status).as(empty).isEqualTo(500);
                    assertThat(r.body()).contains("Payload expected.");
                }
            }
            try (RawHttp r = get(url + "/jsonp?c=x")) {
                assertThat(r.body()).isEqualTo("x(\"a[\\\"abc\\\",\\\"%61bc\\\"]\");\r\n");
            }
        }
    }

    @Nested
    class JsessionidCookie {
        @Test
        void cookieNeeded_setsDummyOrEchoesTheClientsValue() throws Exception {
            try (RawHttp r = post(session("cookie_needed_echo") + "/xhr", "")) {
                assertThat(r.header("Set-Cookie")).isEqualTo("JSESSIONID=dummy; path=/");
            }
            try (RawHttp r = post(session("cookie_needed_echo") + "/xhr", "", "Cookie: JSESSIONID=abcdef")) {
                assertThat(r.header("Set-Cookie")).isEqualTo("JSESSIONID=abcdef; path=/");
            }
            try (RawHttp r = post(session("echo") + "/xhr", "")) {
                assertThat(r.header("Set-Cookie")).isNull();
            }
        }
    }

    @Nested
    class WebSocketTransport {
        @Test
        void sockJsFraming_overWebSocket_echoes_ignoresEmptyMessages_andCloses() throws Exception {
            Frames echo = Frames.connect(port, session("echo") + "/websocket");
            assertThat(echo.next()).isEqualTo("o");
            echo.socket.sendText("", true).join();
            echo.socket.sendText("[\"a\"]", true).join();
            assertThat(echo.next()).isEqualTo("a[\"a\"]");
            echo.socket.sendText("\"b\"", true).join();
            assertThat(echo.next()).isEqualTo("a[\"b\"]");
            echo.socket.sendText("[\"a", true).join();
            assertThat(echo.next()).startsWith("CLOSED 1003");

            Frames close = Frames.connect(port, session("close") + "/websocket");
            assertThat(close.next()).isEqualTo("o");
            assertThat(close.next()).isEqualTo("c[3000,\"Go away!\"]");
            assertThat(close.next()).startsWith("CLOSED");
        }

        @Test
        void rawWebSocket_isPlainWebSocket() throws Exception {
            Frames raw = Frames.connect(port, "/echo/websocket");
            raw.socket.sendText("Hello world!\uffff", true).join();
            assertThat(raw.next()).isEqualTo("Hello world!\uffff");
            Frames close = Frames.connect(port, "/close/websocket");
            assertThat(close.next()).isEqualTo("CLOSED 3000 Go away!");
        }
    }

    private static void attached(String sessionId, String transport) {
        synchronized (ATTACHED) {
            ATTACHED.merge(sessionId, 1, Integer::sum);
            ATTACHED.notifyAll();
        }
    }

    /** Receiving requests attached so far to the session of {@code url} ({@code /service/server/session}). */
    private static int attachedCount(String url) {
        synchronized (ATTACHED) {
            return ATTACHED.getOrDefault(url.substring(url.lastIndexOf('/') + 1), 0);
        }
    }

    /** Waits, 10 s at most, until {@code count} receiving requests have attached to the session of {@code url}. */
    private static void awaitAttached(String url, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (ATTACHED) {
            while (attachedCount(url) < count) {
                long left = deadline - System.nanoTime();
                assertThat(left).as("%s: %d receiving requests attached within 10 s, saw %d", url, count,
                        attachedCount(url)).isPositive();
                TimeUnit.NANOSECONDS.timedWait(ATTACHED, left);
            }
        }
    }

    /** A JDK WebSocket that records text messages and the close as strings. */
    static final class Frames implements WebSocket.Listener {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        static Frames connect(int port, String path) throws Exception {
            Frames frames = new Frames();
            frames.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + path), frames).get(10, TimeUnit.SECONDS);
            return frames;
        }

        String next() throws InterruptedException {
            String value = received.poll(10, TimeUnit.SECONDS);
            assertThat(value).as("a message or close within 10 s").isNotNull();
            return value;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            received.add("CLOSED " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            received.add("CLOSED error " + error);
        }
    }

}
