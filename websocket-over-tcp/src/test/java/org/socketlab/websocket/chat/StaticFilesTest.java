package org.socketlab.websocket.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpResponse;

/** The hand-written static file handler, request by request (RFC 9110 §9.3.1–9.3.2, §13.1.2). */
class StaticFilesTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 50_000);
    private final StaticFiles files = new StaticFiles(ChatServer.STATIC_ROOT);

    private HttpResponse request(String method, String target, String... headers) {
        return files.handle(new HttpRequest(method, target, "HTTP/1.1", HttpHeaders.of(headers)), CLIENT);
    }

    @Nested
    class Get {

        @Test
        void slash_servesIndexHtml_withSecurityHeaders() {
            HttpResponse response = request("GET", "/");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers().first("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(response.headers().first("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().first("Content-Security-Policy")).hasValueSatisfying(csp ->
                    assertThat(csp).contains("script-src 'self'").contains("connect-src 'self'")
                            .doesNotContain("unsafe-inline"));
            assertThat(response.headers().first("Cache-Control")).hasValue("no-cache");
            assertThat(response.bodyText()).startsWith("<!doctype html>");
            assertThat(request("GET", "/index.html").body()).isEqualTo(response.body());
        }

        @Test
        void scriptAndStylesheet_haveTheirContentTypes() {
            assertThat(request("GET", "/chat.js").headers().first("Content-Type"))
                    .hasValue("text/javascript; charset=utf-8");
            assertThat(request("GET", "/chat.css").headers().first("Content-Type"))
                    .hasValue("text/css; charset=utf-8");
            assertThat(request("GET", "/chat.js?v=2").status()).isEqualTo(200);
        }

        @Test
        void theScriptNeverWritesHtml() {
            String script = request("GET", "/chat.js").bodyText();
            assertThat(script).contains("textContent").doesNotContain(".innerHTML").doesNotContain("insertAdjacentHTML")
                    .doesNotContain("document.write");
        }

        @Test
        void aMatchingIfNoneMatch_gets304WithoutABody() {
            String etag = request("GET", "/chat.css").headers().first("ETag").orElseThrow();
            assertThat(etag).matches("\"[0-9a-f]{32}\"");
            HttpResponse revalidated = request("GET", "/chat.css", "If-None-Match", "\"other\", " + etag);
            assertThat(revalidated.status()).isEqualTo(304);
            assertThat(revalidated.bodyLength()).isZero();
            assertThat(revalidated.headers().first("ETag")).hasValue(etag);
            assertThat(request("GET", "/chat.css", "If-None-Match", "\"stale\"").status()).isEqualTo(200);
        }
    }

    @Nested
    class Methods {

        @Test
        void head_hasTheHeadersOfGet_andNoBody() {
            HttpResponse get = request("GET", "/chat.js");
            HttpResponse head = request("HEAD", "/chat.js");
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.bodyLength()).isZero();
            assertThat(head.headers().first("Content-Length")).hasValue(String.valueOf(get.bodyLength()));
            assertThat(head.headers().first("ETag")).isEqualTo(get.headers().first("ETag"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"POST", "PUT", "DELETE", "OPTIONS"})
        void otherMethods_get405WithAllow(String method) {
            HttpResponse response = request(method, "/");
            assertThat(response.status()).isEqualTo(405);
            assertThat(response.headers().first("Allow")).hasValue("GET, HEAD");
        }
    }

    @Nested
    class NotFound {

        @ParameterizedTest
        @ValueSource(strings = {
                "/missing.html", "/chat", "/static/chat/index.html", "/index.exe", "/.env", "/chat.js/",
                "/../pom.xml", "/..", "/%2e%2e/pom.xml", "/%2E%2E/%2E%2E/pom.xml", "/..%2fpom.xml",
                "/%2e%2e%2f%2e%2e%2fpom.xml", "/%252e%252e/pom.xml", "/..\\pom.xml", "/%5c..%5cpom.xml",
                "/chat.js%00.css", "/%c0%ae%c0%ae/pom.xml", "//etc/passwd", "/%2fetc/passwd", "/%zz",
                "/org/socketlab/websocket/chat/ChatServer.class", "/chat%2ejs%2f"})
        void pathsThatAreNotPlainFileNames_get404(String target) {
            HttpResponse response = request("GET", target);
            assertThat(response.status()).as(target).isEqualTo(404);
            assertThat(response.bodyText()).isEqualTo("not found\n");
        }

        @Test
        void anEncodedButHarmlessName_isDecoded() {
            assertThat(request("GET", "/chat%2ejs").status()).isEqualTo(200);
        }
    }

    @Test
    void resolve_mapsSlashToIndex_andRefusesDotSegments() {
        assertThat(StaticFiles.resolve("/")).hasValue("index.html");
        assertThat(StaticFiles.resolve("/img/logo.png")).hasValue("img/logo.png");
        assertThat(StaticFiles.resolve("/img/../logo.png")).isEmpty();
        assertThat(StaticFiles.resolve("/./chat.js")).isEmpty();
    }
}
