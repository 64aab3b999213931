package org.socketlab.websocket.sockjs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * sockjs-protocol-0.3.3.py, classes XhrStreaming, EventSource, HtmlFile, HandlingClose, Http10
 * and Http11, one test per suite method. The suite reads a streaming response one chunk at a
 * time ({@code r.read()} is a chunk), as {@link RawHttp#readChunk} does.
 */
class SuiteStreamingTest extends SuiteCase {

    /** The suite's HtmlFile.head with the callback "callback". */
    private static final String HTMLFILE_HEAD = """
            <!doctype html>
            <html><head>
              <meta http-equiv="X-UA-Compatible" content="IE=edge" />
              <meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
            </head><body><h2>Don't panic!</h2>
              <script>
                document.domain = document.domain;
                var c = parent.callback;
                c.start();
                function p(d) {c.message(d);};
                window.onload = function() {c.stop();};
              </script>""";

    @Nested
    class XhrStreaming {
        @Test
        void test_options() throws Exception {
            verifyOptions("/echo/abc/abc/xhr_streaming", "OPTIONS, POST");
        }

        @Test
        void test_transport() throws Exception {
            String url = session("echo");
            try (RawHttp r = post(url + "/xhr_streaming", "")) {
                assertThat(r.status).isEqualTo(200);
                assertThat(contentType(r)).isEqualTo("application/javascript;charset=UTF-8");
                verifyCors(r, null);
                verifyNotCached(r);
                assertThat(r.readChunk()).isEqualTo("h".repeat(2048) + "\n");
                assertThat(r.readChunk()).isEqualTo("o\n");
                try (RawHttp r1 = post(url + "/xhr_send", "[\"x\"]")) {
                    assertThat(r1.status).isEqualTo(204);
                    assertThat(r1.body()).isEmpty();
                }
                assertThat(r.readChunk()).isEqualTo("a[\"x\"]\n");
            }
        }

        @Test
        void test_response_limit() throws Exception {
            String url = session("echo");
            try (RawHttp r = post(url + "/xhr_streaming", "")) {
                assertThat(r.status).isEqualTo(200);
                assertThat(r.readChunk()).isNotEmpty();
                assertThat(r.readChunk()).isEqualTo("o\n");
                String msg = "\"" + "x".repeat(128) + "\"";
                for (int i = 0; i < 31; i++) {
                    try (RawHttp r1 = post(url + "/xhr_send", "[" + msg + "]")) {
                        assertThat(r1.status).isEqualTo(204);
                    }
                    assertThat(r.readChunk()).as("message %d", i).isEqualTo("a[" + msg + "]\n");
                }
                assertThat(r.readChunk()).as("the response ends after 4,096 bytes").isEmpty();
            }
        }
    }

    @Nested
    class EventSource {
        @Test
        void test_transport() throws Exception {
            String url = session("echo");
            try (RawHttp r = get(url + "/eventsource")) {
                assertThat(r.status).isEqualTo(200);
                assertThat(contentType(r)).isEqualTo("text/event-stream;charset=UTF-8");
                verifyNotCached(r);
                assertThat(r.readChunk()).isEqualTo("\r\n");
                assertThat(r.readChunk()).isEqualTo("data: o\r\n\r\n");
                try (RawHttp r1 = post(url + "/xhr_send", "[\"x\"]")) {
                    assertThat(r1.body()).isEmpty();
                    assertThat(r1.status).isEqualTo(204);
                }
                assertThat(r.readChunk()).isEqualTo("data: a[\"x\"]\r\n\r\n");
                try (RawHttp r1 = post(url + "/xhr_send", "[\"  \\u0000\\n\\r \"]")) {
                    assertThat(r1.body()).isEmpty();
                    assertThat(r1.status).isEqualTo(204);
                }
                assertThat(r.readChunk()).isEqualTo("data: a[\"  \\u0000\\n\\r \"]\r\n\r\n");
            }
        }

        @Test
        void test_response_limit() throws Exception {
            String url = session("echo");
            try (RawHttp r = get(url + "/eventsource")) {
                assertThat(r.status).isEqualTo(200);
                assertThat(r.readChunk()).isNotEmpty();
                assertThat(r.readChunk()).isEqualTo("data: o\r\n\r\n");
                String msg = "\"" + "x".repeat(4096) + "\"";
                try (RawHttp r1 = post(url + "/xhr_send", "[" + msg + "]")) {
                    assertThat(r1.status).isEqualTo(204);
                }
                assertThat(r.readChunk()).isEqualTo("data: a[" + msg + "]\r\n\r\n");
                assertThat(r.readChunk()).isEmpty();
            }
        }
    }

    @Nested
    class HtmlFile {
        @Test
        void test_transport() throws Exception {
            String url = session("echo");
            try (RawHttp r = get(url + "/htmlfile?c=%63allback")) {
                assertThat(r.status).isEqualTo(200);
                assertThat(contentType(r)).isEqualTo("text/html;charset=UTF-8");
                verifyNotCached(r);
                String d = r.readChunk();
                assertThat(d.strip()).isEqualTo(HTMLFILE_HEAD);
                assertThat(d.length()).isGreaterThan(1024);
                assertThat(r.readChunk()).isEqualTo("<script>\np(\"o\");\n</script>\r\n");
                try (RawHttp r1 = post(url + "/xhr_send", "[\"x\"]")) {
                    assertThat(r1.body()).isEmpty();
                    assertThat(r1.status).isEqualTo(204);
                }
                assertThat(r.readChunk()).isEqualTo("<script>\np(\"a[\\\"x\\\"]\");\n</script>\r\n");
            }
        }

        @Test
        void test_no_callback() throws Exception {
            try (RawHttp r = get("/echo/a/a/htmlfile")) {
                assertThat(r.status).isEqualTo(500);
                assertThat(r.body()).contains("\"callback\" parameter required");
            }
        }

        @Test
        void test_response_limit() throws Exception {
            String url = session("echo");
            try (RawHttp r = get(url + "/htmlfile?c=callback")) {
                assertThat(r.status).isEqualTo(200);
                assertThat(r.readChunk()).isNotEmpty();
                assertThat(r.readChunk()).isEqualTo("<script>\np(\"o\");\n</script>\r\n");
                String msg = "x".repeat(4096);
                try (RawHttp r1 = post(url + "/xhr_send", "[\"" + msg + "\"]")) {
                    assertThat(r1.status).isEqualTo(204);
                }
                assertThat(r.readChunk()).isEqualTo("<script>\np(\"a[\\\"" + msg + "\\\"]\");\n</script>\r\n");
                assertThat(r.readChunk()).isEmpty();
            }
        }
    }

    @Nested
    class HandlingClose {
        @Test
        void test_close_frame() throws Exception {
            String url = session("close");
            try (RawHttp r1 = post(url + "/xhr_streaming", "")) {
                r1.readChunk();
                assertThat(r1.readChunk()).isEqualTo("o\n");
                assertThat(r1.readChunk()).isEqualTo("c[3000,\"Go away!\"]\n");
                try (RawHttp r2 = post(url + "/xhr_streaming", "")) {
                    r2.readChunk();
                    assertThat(r2.readChunk()).isEqualTo("c[3000,\"Go away!\"]\n");
                    assertThat(r1.readChunk()).isEmpty();
                    assertThat(r2.readChunk()).isEmpty();
                }
            }
        }

        @Test
        void test_close_request() throws Exception {
            String url = session("echo");
            try (RawHttp r1 = post(url + "/xhr_streaming", "")) {
                r1.readChunk();
                assertThat(r1.readChunk()).isEqualTo("o\n");
                try (RawHttp r2 = post(url + "/xhr_streaming", "")) {
                    r2.readChunk();
                    assertThat(r2.readChunk()).isEqualTo("c[2010,\"Another connection still open\"]\n");
                    assertThat(r2.readChunk()).isEmpty();
                }
            }
        }

        @Test
        void test_abort_xhr_streaming() throws Exception {
            String url = session("echo");
            RawHttp r1 = post(url + "/xhr_streaming", "");
            r1.readChunk();
            assertThat(r1.readChunk()).isEqualTo("o\n");
            try (RawHttp r2 = post(url + "/xhr_streaming", "")) {
                r2.readChunk();
                assertThat(r2.readChunk()).isEqualTo("c[2010,\"Another connection still open\"]\n");
                assertThat(r2.readChunk()).isEmpty();
            }
            r1.close();
            try (RawHttp r3 = post(url + "/xhr_streaming", "")) {
                r3.readChunk();
                assertThat(r3.readChunk()).isIn("o\n", "c[1002,\"Connection interrupted\"]\n");
            }
        }

        @Test
        void test_abort_xhr_polling() throws Exception {
            String url = session("echo");
            try (RawHttp r1 = post(url + "/xhr", "")) {
                assertThat(r1.body()).isEqualTo("o\n");
            }
            int before = attachedCount(url);
            RawHttp held = new RawHttp(port).send("POST", url + "/xhr", "HTTP/1.1", "");
            awaitAttached(url, before + 1); // the suite sends r2 right away and relies on r1 arriving first
            try (RawHttp r2 = post(url + "/xhr", "")) {
                assertThat(r2.body()).isEqualTo("c[2010,\"Another connection still open\"]\n");
            }
            held.close();
            try (RawHttp r3 = post(url + "/xhr", "")) {
                assertThat(r3.body()).isIn("o\n", "c[1002,\"Connection interrupted\"]\n");
            }
        }
    }

    @Nested
    class Http10 {
        @Test
        void test_synchronous() throws Exception {
            try (RawHttp c = new RawHttp(port)) {
                c.request("GET", "/echo", "HTTP/1.0", "", "Connection: Keep-Alive");
                assertThat(c.status).isEqualTo(200);
                assertThat(c.header("Transfer-Encoding")).isNull();
                if (c.header("Content-Length") == null) {
                    assertThat(c.header("Connection").toLowerCase()).isEqualTo("close");
                    assertThat(c.body()).isEqualTo("Welcome to SockJS!\n");
                    assertThat(c.closedByServer()).isTrue();
                } else {
                    assertThat(Integer.parseInt(c.header("Content-Length"))).isEqualTo(19);
                    assertThat(c.read(19)).isEqualTo("Welcome to SockJS!\n");
                    String connection = c.header("Connection") == null ? "" : c.header("Connection").toLowerCase();
                    if (connection.equals("close") || connection.isEmpty()) {
                        assertThat(c.closedByServer()).isTrue();
                    } else {
                        assertThat(connection).isEqualTo("keep-alive");
                        c.request("GET", "/echo", "HTTP/1.0", "", "Connection: Keep-Alive");
                        assertThat(c.status).isEqualTo(200);
                    }
                }
            }
        }

        @Test
        void test_streaming() throws Exception {
            try (RawHttp c = new RawHttp(port)) {
                c.request("POST", session("close") + "/xhr_streaming", "HTTP/1.0", "", "Connection: Keep-Alive");
                assertThat(c.status).isEqualTo(200);
                assertThat(c.header("Transfer-Encoding")).isNull();
                assertThat(c.header("Content-Length")).isNull();
                assertThat(c.read(2048 + 1)).startsWith("h");
                assertThat(c.read(2)).isEqualTo("o\n");
                assertThat(c.read(19)).isEqualTo("c[3000,\"Go away!\"]\n");
                c.timeout(1000);
                assertThat(c.closedByServer()).isTrue();
            }
        }
    }

    @Nested
    class Http11 {
        @Test
        void test_synchronous() throws Exception {
            try (RawHttp c = new RawHttp(port)) {
                c.request("GET", "/echo", "HTTP/1.1", "", "Connection: Keep-Alive");
                String connection = c.header("Connection") == null ? "" : c.header("Connection").toLowerCase();
                assertThat(connection).as("keep-alive is HTTP/1.1's default").isIn("keep-alive", "");
                if (c.header("Content-Length") != null) {
                    assertThat(Integer.parseInt(c.header("Content-Length"))).isEqualTo(19);
                    assertThat(c.read(19)).isEqualTo("Welcome to SockJS!\n");
                    assertThat(c.header("Transfer-Encoding")).isNull();
                } else {
                    assertThat(c.header("Transfer-Encoding").toLowerCase()).isEqualTo("chunked");
                    assertThat(c.readChunk()).isEqualTo("Welcome to SockJS!\n");
                    assertThat(c.readChunk()).isEmpty();
                }
                c.request("GET", "/echo", "HTTP/1.1", "", "Connection: Keep-Alive");
                assertThat(c.status).isEqualTo(200);
            }
        }

        @Test
        void test_streaming() throws Exception {
            try (RawHttp c = new RawHttp(port)) {
                c.request("POST", session("close") + "/xhr_streaming", "HTTP/1.1", "", "Connection: Keep-Alive");
                assertThat(c.status).isEqualTo(200);
                assertThat(c.header("Transfer-Encoding").toLowerCase()).isEqualTo("chunked");
                assertThat(c.header("Content-Length")).isNull();
                assertThat(c.readChunk()).startsWith("h");
                assertThat(c.readChunk()).isEqualTo("o\n");
                assertThat(c.readChunk()).isEqualTo("c[3000,\"Go away!\"]\n");
                assertThat(c.readChunk()).isEmpty();
            }
        }
    }
}
