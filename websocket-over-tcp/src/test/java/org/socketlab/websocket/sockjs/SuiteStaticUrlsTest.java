package org.socketlab.websocket.sockjs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * sockjs-protocol-0.3.3.py, classes BaseUrlGreeting, IframePage, InfoTest, SessionURLs and
 * Protocol, one test per suite method.
 */
class SuiteStaticUrlsTest extends SuiteCase {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The suite's IframePage.iframe_body, character for character. */
    private static final Pattern IFRAME_BODY = Pattern.compile("""
            ^<!DOCTYPE html>
            <html>
            <head>
              <meta http-equiv="X-UA-Compatible" content="IE=edge" />
              <meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
              <script>
                document.domain = document.domain;
                _sockjs_onload = function\\(\\)\\{SockJS.bootstrap_iframe\\(\\);\\};
              </script>
              <script src="(?<sockjsUrl>[^"]*)"></script>
            </head>
            <body>
              <h2>Don't panic!</h2>
              <p>This is a SockJS hidden iframe. It's used for cross domain magic.</p>
            </body>
            </html>$""");

    @Nested
    class BaseUrlGreeting {
        @Test
        void test_greeting() throws Exception {
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
        void test_notFound() throws Exception {
            for (String suffix : List.of("/a", "/a.html", "//", "///", "/a/a", "/a/a/", "/a", "/a/")) {
                try (RawHttp r = get("/echo" + suffix)) {
                    assertThat(r.status).as(suffix).isEqualTo(404);
                }
            }
        }
    }

    @Nested
    class IframePage {
        @Test
        void test_simpleUrl() throws Exception {
            verify("/echo/iframe.html");
        }

        @Test
        void test_versionedUrl() throws Exception {
            for (String suffix : List.of("/iframe-a.html", "/iframe-.html", "/iframe-0.1.2.html",
                    "/iframe-0.1.2abc-dirty.2144.html")) {
                verify("/echo" + suffix);
            }
        }

        @Test
        void test_queriedUrl() throws Exception {
            for (String suffix : List.of("/iframe-a.html?t=1234", "/iframe-0.1.2.html?t=123414",
                    "/iframe-0.1.2abc-dirty.2144.html?t=qweqweq123")) {
                verify("/echo" + suffix);
            }
        }

        @Test
        void test_invalidUrl() throws Exception {
            for (String suffix : List.of("/iframe.htm", "/iframe", "/IFRAME.HTML", "/IFRAME", "/iframe.HTML",
                    "/iframe.xml", "/iframe-/.html")) {
                try (RawHttp r = get("/echo" + suffix)) {
                    assertThat(r.status).as(suffix).isEqualTo(404);
                }
            }
        }

        private void verify(String url) throws Exception {
            try (RawHttp r = get(url)) {
                assertThat(r.status).as(url).isEqualTo(200);
                assertThat(contentType(r)).isEqualTo("text/html;charset=UTF-8");
                assertThat(r.header("Cache-Control")).contains("public").containsPattern("max-age=[1-9][0-9]{6}");
                assertThat(r.header("Expires")).isNotBlank();
                assertThat(r.header("ETag")).isNotBlank();
                assertThat(r.header("Last-Modified")).isNull();
                Matcher match = IFRAME_BODY.matcher(r.body().strip());
                assertThat(match.matches()).as("the iframe page, exactly").isTrue();
                assertThat(match.group("sockjsUrl")).matches("(/|http).*");
                assertThat(r.header("Set-Cookie")).isNull();
            }
        }

        @Test
        void test_cacheability() throws Exception {
            String etag1;
            String etag2;
            try (RawHttp r1 = get("/echo/iframe.html"); RawHttp r2 = get("/echo/iframe.html")) {
                etag1 = r1.header("ETag");
                etag2 = r2.header("ETag");
            }
            assertThat(etag1).isNotBlank().isEqualTo(etag2);
            try (RawHttp r = get("/echo/iframe.html", "If-None-Match: " + etag1)) {
                assertThat(r.status).isEqualTo(304);
                assertThat(r.header("Content-Type")).isNull();
                assertThat(r.body()).isEmpty();
            }
        }
    }

    @Nested
    class InfoTest {
        @Test
        void test_basic() throws Exception {
            try (RawHttp r = get("/echo/info")) {
                assertThat(r.status).isEqualTo(200);
                assertThat(contentType(r)).isEqualTo("application/json;charset=UTF-8");
                assertThat(r.header("Set-Cookie")).isNull();
                verifyNotCached(r);
                verifyCors(r, null);
                JsonNode data = JSON.readTree(r.body());
                assertThat(data.get("websocket").asBoolean()).isTrue();
                assertThat(data.get("websocket").isBoolean()).isTrue();
                assertThat(data.get("cookie_needed").isBoolean()).isTrue();
                assertThat(data.get("origins").toString()).isEqualTo("[\"*:*\"]");
                assertThat(data.get("entropy").isIntegralNumber()).isTrue();
                assertThat(data.get("entropy").asLong()).isBetween(0L, 0xFFFF_FFFFL);
            }
        }

        @Test
        void test_entropy() throws Exception {
            long first;
            long second;
            try (RawHttp r1 = get("/echo/info"); RawHttp r2 = get("/echo/info")) {
                first = JSON.readTree(r1.body()).get("entropy").asLong();
                second = JSON.readTree(r2.body()).get("entropy").asLong();
            }
            assertThat(first).isNotEqualTo(second);
        }

        @Test
        void test_options() throws Exception {
            verifyOptions("/echo/info", "OPTIONS, GET");
        }

        @Test
        void test_options_null_origin() throws Exception {
            try (RawHttp r = options("/echo/info", "Origin: null")) {
                assertThat(r.status).isEqualTo(204);
                assertThat(r.body()).isEmpty();
                assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
            }
        }

        @Test
        void test_disabled_websocket() throws Exception {
            try (RawHttp r = get("/disabled_websocket_echo/info")) {
                assertThat(r.status).isEqualTo(200);
                assertThat(JSON.readTree(r.body()).get("websocket").asBoolean(true)).isFalse();
            }
        }
    }

    @Nested
    class SessionURLs {
        @Test
        void test_anyValue() throws Exception {
            for (String sessionPart : List.of("/a/a", "/_/_", "/1/1", "/abcdefgh_i-j%20/abcdefg_i-j%20")) {
                try (RawHttp r = post("/echo" + sessionPart + "/xhr", "")) {
                    assertThat(r.status).as(sessionPart).isEqualTo(200);
                    assertThat(r.body()).isEqualTo("o\n");
                }
            }
        }

        @Test
        void test_invalidPaths() throws Exception {
            for (String suffix : List.of("//", "/a./a", "/a/a.", "/./.", "/", "///")) {
                try (RawHttp r = get("/echo" + suffix + "/xhr")) {
                    assertThat(r.status).as("GET " + suffix).isEqualTo(404);
                }
                try (RawHttp r = post("/echo" + suffix + "/xhr", "")) {
                    assertThat(r.status).as("POST " + suffix).isEqualTo(404);
                }
            }
        }

        @Test
        void test_ignoringServerId() throws Exception {
            String sessionId = UUID.randomUUID().toString();
            try (RawHttp r = post("/echo/000/" + sessionId + "/xhr", "")) {
                assertThat(r.status).isEqualTo(200);
                assertThat(r.body()).isEqualTo("o\n");
            }
            try (RawHttp r = post("/echo/000/" + sessionId + "/xhr_send", "[\"a\"]")) {
                assertThat(r.status).isEqualTo(204);
                assertThat(r.body()).isEmpty();
            }
            try (RawHttp r = post("/echo/999/" + sessionId + "/xhr", "")) {
                assertThat(r.status).isEqualTo(200);
                assertThat(r.body()).isEqualTo("a[\"a\"]\n");
            }
        }
    }

    @Nested
    class Protocol {
        @Test
        void test_simpleSession() throws Exception {
            String url = session("echo");
            try (RawHttp r = post(url + "/xhr", "")) {
                assertThat(r.status).isEqualTo(200);
                assertThat(r.body()).isEqualTo("o\n");
            }
            try (RawHttp r = post(url + "/xhr_send", "[\"a\"]")) {
                assertThat(r.status).isEqualTo(204);
                assertThat(r.body()).isEmpty();
            }
            try (RawHttp r = post(url + "/xhr", "")) {
                assertThat(r.status).isEqualTo(200);
                assertThat(r.body()).isEqualTo("a[\"a\"]\n");
            }
            try (RawHttp r = post("/echo/000/bad_session/xhr_send", "[\"a\"]")) {
                assertThat(r.status).isEqualTo(404);
            }
            int before = attachedCount(url);
            try (RawHttp held = new RawHttp(port).send("POST", url + "/xhr", "HTTP/1.1", "")) {
                awaitAttached(url, before + 1);
                try (RawHttp r2 = post(url + "/xhr", "")) {
                    assertThat(r2.body()).isEqualTo("c[2010,\"Another connection still open\"]\n");
                    assertThat(r2.status).isEqualTo(200);
                }
            }
        }

        @Test
        void test_closeSession() throws Exception {
            String url = session("close");
            try (RawHttp r = post(url + "/xhr", "")) {
                assertThat(r.status).isEqualTo(200);
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
}
