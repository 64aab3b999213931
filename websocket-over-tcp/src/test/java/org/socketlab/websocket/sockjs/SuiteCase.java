package org.socketlab.websocket.sockjs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.demo.SockJsServer;

/**
 * The base of the {@code Suite*Test} classes, which port sockjs-protocol-0.3.3.py one method to
 * one method (named after it): a {@link SockJsServer} per class (stream limit 4,096 bytes, as the
 * suite expects of its test server), the suite's helpers ({@code verify404}, {@code verify_options},
 * {@code verify_cors}, {@code verify_not_cached}) and a wait for "the held request is attached"
 * instead of the suite's timing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(30)
abstract class SuiteCase {

    static final String NO_CACHE = "no-store, no-cache, must-revalidate, max-age=0";

    SockJsServer server;
    int port;
    private final Map<String, Integer> attached = new HashMap<>();

    @BeforeAll
    void startServer() throws Exception {
        server = SockJsServer.start("127.0.0.1", 0, SockJsOptions.defaults().withStreamBytesLimit(4096)
                .withReceiverListener(this::attached));
        port = server.frontDoor().port();
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    RawHttp get(String target, String... headers) throws Exception {
        return new RawHttp(port).request("GET", target, "HTTP/1.1", "", headers);
    }

    RawHttp post(String target, String body, String... headers) throws Exception {
        return new RawHttp(port).request("POST", target, "HTTP/1.1", body, headers);
    }

    RawHttp options(String target, String... headers) throws Exception {
        return new RawHttp(port).request("OPTIONS", target, "HTTP/1.1", "", headers);
    }

    /** {@code <service>/000/<random uuid>}, as the suite builds its session URLs. */
    static String session(String service) {
        return "/" + service + "/000/" + UUID.randomUUID();
    }

    static String contentType(RawHttp response) {
        String value = response.header("Content-Type");
        return value == null ? null : value.replace(" ", "");
    }

    /** The suite's verify_options: 204, public for a year, Expires, Max-Age, the methods, no body, CORS. */
    void verifyOptions(String url, String allowedMethods) throws Exception {
        for (String origin : new String[] {null, "test", "null"}) {
            String[] headers = origin == null ? new String[0] : new String[] {"Origin: " + origin};
            try (RawHttp r = options(url, headers)) {
                assertThat(r.status).as("%s origin %s", url, origin).isEqualTo(204);
                assertThat(r.header("Cache-Control")).contains("public").containsPattern("max-age=[1-9][0-9]{6}");
                assertThat(r.header("Expires")).isNotBlank();
                assertThat(Long.parseLong(r.header("Access-Control-Max-Age"))).isGreaterThan(1_000_000);
                assertThat(r.header("Access-Control-Allow-Methods")).isEqualTo(allowedMethods);
                assertThat(r.body()).isEmpty();
                verifyCors(r, origin);
            }
        }
    }

    /** The suite's verify_cors: the origin echoed (or * for none and "null"), credentials allowed. */
    static void verifyCors(RawHttp r, String origin) {
        String expected = origin != null && !origin.equals("null") ? origin : "*";
        assertThat(r.header("Access-Control-Allow-Origin")).as("Access-Control-Allow-Origin").isEqualTo(expected);
        assertThat(r.header("Access-Control-Allow-Credentials")).as("Access-Control-Allow-Credentials")
                .isEqualTo("true");
    }

    /** The suite's verify_not_cached. */
    static void verifyNotCached(RawHttp r) {
        assertThat(r.header("Cache-Control")).isEqualTo(NO_CACHE);
        assertThat(r.header("Expires")).isNull();
        assertThat(r.header("Last-Modified")).isNull();
    }

    /** The suite's JsessionidCookie.verify_cookie. */
    static void verifyCookie(RawHttp r, String value) {
        String[] parts = r.header("Set-Cookie").split(";");
        assertThat(parts[0].strip()).isEqualTo("JSESSIONID=" + value);
        assertThat(parts[1].strip().toLowerCase()).isEqualTo("path=/");
    }

    private void attached(String sessionId, String transport) {
        synchronized (attached) {
            attached.merge(sessionId, 1, Integer::sum);
            attached.notifyAll();
        }
    }

    /** Receiving requests attached so far to the session of {@code url} ({@code /service/server/session}). */
    int attachedCount(String url) {
        synchronized (attached) {
            return attached.getOrDefault(url.substring(url.lastIndexOf('/') + 1), 0);
        }
    }

    /** Waits, 10 s at most, until {@code count} receiving requests have attached to the session of {@code url}. */
    void awaitAttached(String url, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (attached) {
            while (attachedCount(url) < count) {
                long left = deadline - System.nanoTime();
                assertThat(left).as("%s: %d receiving requests attached within 10 s, saw %d", url, count,
                        attachedCount(url)).isPositive();
                TimeUnit.NANOSECONDS.timedWait(attached, left);
            }
        }
    }
}
