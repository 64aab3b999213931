package org.socketlab.websocket.sockjs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The URL scheme of sockjs-protocol-0.3.3 (BaseUrlGreeting, IframePage, SessionURLs). */
class SockJsPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"/echo/a", "/echo/a.html", "/echo//", "/echo///", "/echo/a/a", "/echo/a/a/", "/echo/a/",
            "/echo/iframe.htm", "/echo/iframe", "/echo/IFRAME.HTML", "/echo/IFRAME", "/echo/iframe.HTML",
            "/echo/iframe.xml", "/echo/iframe-/.html", "/echo///xhr", "/echo/a./a/xhr", "/echo/a/a./xhr",
            "/echo/././xhr", "/echo//xhr", "/echo////xhr", "/echox", "/echo/a/a/XHR"})
    void suiteNotFoundPaths_areNotFound(String path) {
        assertThat(SockJsPath.parse("/echo", path).kind()).isEqualTo(SockJsPath.Kind.NOT_FOUND);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/echo/iframe.html", "/echo/iframe-a.html", "/echo/iframe-.html", "/echo/iframe-0.1.2.html",
            "/echo/iframe-0.1.2abc-dirty.2144.html"})
    void iframeVariants_areTheIframePage(String path) {
        assertThat(SockJsPath.parse("/echo", path).kind()).isEqualTo(SockJsPath.Kind.IFRAME);
    }

    @Test
    void sessionUrl_ignoresTheServerId() {
        SockJsPath path = SockJsPath.parse("/echo", "/echo/abcdefgh_i-j%20/abcdefg_i-j%20/xhr_send");
        assertThat(path.kind()).isEqualTo(SockJsPath.Kind.SESSION);
        assertThat(path.sessionId()).isEqualTo("abcdefg_i-j%20");
        assertThat(path.transport()).isEqualTo(TransportKind.XHR_SEND);
    }

    @Test
    void greetingInfoAndRawWebSocket() {
        assertThat(SockJsPath.parse("/echo", "/echo").kind()).isEqualTo(SockJsPath.Kind.GREETING);
        assertThat(SockJsPath.parse("/echo", "/echo/").kind()).isEqualTo(SockJsPath.Kind.GREETING);
        assertThat(SockJsPath.parse("/echo", "/echo/info").kind()).isEqualTo(SockJsPath.Kind.INFO);
        assertThat(SockJsPath.parse("/echo", "/echo/websocket").kind()).isEqualTo(SockJsPath.Kind.RAW_WEBSOCKET);
    }
}
