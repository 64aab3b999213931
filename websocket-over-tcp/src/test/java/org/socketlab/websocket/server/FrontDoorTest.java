package org.socketlab.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.http.HttpException;
import org.socketlab.websocket.http.HttpLimits;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.http.HttpResponseParser;
import org.socketlab.websocket.realtime.RealtimeConfig;
import org.socketlab.websocket.realtime.RealtimeService;
import org.socketlab.websocket.socketio.engine.EngineConfig;
import org.socketlab.websocket.socketio.engine.EngineServer;
import org.socketlab.websocket.socketio.engine.EngineSession;

/** The front door's connection loop, spoken to byte by byte (RFC 9112 §9). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FrontDoorTest {

    private FrontDoor door;
    private RealtimeService ticker;

    @AfterEach
    void stop() {
        if (ticker != null) {
            ticker.close();
        }
        if (door != null) {
            door.stop(Duration.ofSeconds(1));
        }
    }

    private void start(FrontDoor.Builder builder) throws IOException {
        door = builder.start();
    }

    private static FrontDoor.Builder hello() {
        return FrontDoor.builder().get("/hello", (request, remote) -> HttpResponse.text(200, "hello\n"));
    }

    @Test
    void pipelinedRequests_areAnsweredInOrder_andCloseIsHonouredAndAnnounced() throws Exception {
        start(hello());
        try (Connection connection = new Connection(door.port())) {
            connection.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            HttpResponse first = connection.read();
            HttpResponse second = connection.read();
            HttpResponse third = connection.read();
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.headers().first("Connection")).contains("keep-alive");
            assertThat(second.status()).isEqualTo(404);
            assertThat(third.status()).isEqualTo(200);
            assertThat(third.headers().first("Connection")).as("answer to a request with Connection: close").contains("close");
            assertThat(connection.atEndOfStream()).as("the server closes after announcing close").isTrue();
        }
        assertThat(door.acceptedConnections()).isEqualTo(1);
    }

    @Test
    void http10WithoutKeepAlive_getsConnectionClose() throws Exception {
        start(hello());
        try (Connection connection = new Connection(door.port())) {
            connection.send("GET /hello HTTP/1.0\r\n\r\n");
            assertThat(connection.read().headers().first("Connection")).contains("close");
            assertThat(connection.atEndOfStream()).isTrue();
        }
    }

    @Test
    void head_hasTheHeadersOfGet_andNoContent() throws Exception {
        start(hello());
        try (Connection connection = new Connection(door.port())) {
            connection.send("HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            String head = connection.readHead();
            assertThat(head).startsWith("HTTP/1.1 200").contains("Content-Length: 6");
            HttpResponse get = connection.read();
            assertThat(get.bodyText()).as("the GET right behind the HEAD: no stray body bytes between").isEqualTo("hello\n");
        }
    }

    @Test
    void wrongMethod_gets405WithAllow() throws Exception {
        start(hello());
        try (Connection connection = new Connection(door.port())) {
            connection.send("DELETE /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            HttpResponse response = connection.read();
            assertThat(response.status()).isEqualTo(405);
            assertThat(response.headers().first("Allow")).contains("GET, HEAD");
        }
    }

    /** Issue 17 item 8: error bodies never quote the request; every response has nosniff. */
    @Test
    void errorBodies_neverEchoTheRequest_andEveryResponseIsNosniff() throws Exception {
        ticker = new RealtimeService("/ticker/", RealtimeConfig.defaults().withTickInterval(Duration.ZERO));
        start(hello().mount("/ticker/", ticker));
        try (Connection connection = new Connection(door.port())) {
            connection.send("GET /%3Cscript%3Ealert(1)%3C/script%3E HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /ticker/%3Cscript%3E HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /ticker/poll?since=%0D%0ASet-Cookie:%20x=1 HTTP/1.1\r\nHost: x\r\n\r\n");
            for (HttpResponse response : List.of(connection.read(), connection.read(), connection.read())) {
                assertThat(response.status()).isIn(400, 404);
                assertThat(response.bodyText()).doesNotContainIgnoringCase("script").doesNotContain("Set-Cookie")
                        .doesNotContain("%3C");
                assertThat(response.headers().first("X-Content-Type-Options")).contains("nosniff");
            }
        }
    }

    @Test
    void tickerPage_hasAContentSecurityPolicy() throws Exception {
        ticker = new RealtimeService("/ticker/", RealtimeConfig.defaults().withTickInterval(Duration.ZERO));
        start(FrontDoor.builder().mount("/ticker/", ticker));
        try (Connection connection = new Connection(door.port())) {
            connection.send("GET /ticker/ HTTP/1.1\r\nHost: x\r\n\r\n");
            HttpResponse page = connection.read();
            assertThat(page.headers().first("Content-Security-Policy")).get().asString()
                    .contains("default-src 'self'").contains("script-src 'sha256-").doesNotContain("unsafe-inline");
            assertThat(page.bodyText()).contains("new EventSource(\"/ticker/sse\")");
        }
    }

    /** Node's fetch sends Connection: close; Engine.IO used to answer without it and then close (issue 16). */
    @Test
    void engineIoPolling_answersConnectionCloseWithConnectionClose() throws Exception {
        start(FrontDoor.builder());
        EngineServer engine = EngineServer.create(EngineConfig.defaults().withPath("/engine.io/"),
                session -> new EngineSession.Listener() {
                    @Override
                    public void onMessage(EngineSession from, org.socketlab.websocket.socketio.engine.EnginePacket packet) {
                    }

                    @Override
                    public void onClose(EngineSession from, String reason) {
                    }
                }).attach(door);
        try (Connection connection = new Connection(door.port())) {
            connection.send("GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n\r\n");
            HttpResponse open = connection.read();
            assertThat(open.status()).isEqualTo(200);
            assertThat(open.bodyText()).startsWith("0{\"sid\"");
            assertThat(open.headers().first("Connection")).contains("keep-alive");
            connection.send("GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            HttpResponse second = connection.read();
            assertThat(second.headers().first("Connection")).contains("close");
            assertThat(connection.atEndOfStream()).isTrue();
        } finally {
            engine.close();
        }
    }

    @Test
    void slowloris_gets408AndIsClosed() throws Exception {
        start(hello().configure(c -> c.withHandshakeTimeout(Duration.ofMillis(300))));
        try (Connection connection = new Connection(door.port())) {
            connection.send("GET /hello HTTP/1.1\r\nHo");
            assertThat(connection.read().status()).isEqualTo(408);
            assertThat(connection.atEndOfStream()).isTrue();
        }
    }

    @Test
    void idleKeepAliveConnection_isClosedAfterTheKeepAliveTimeout() throws Exception {
        start(hello().configure(c -> c.withFrontDoor(c.frontDoor().withKeepAliveTimeout(Duration.ofMillis(300)))));
        try (Connection connection = new Connection(door.port())) {
            connection.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(connection.read().status()).isEqualTo(200);
            assertThat(connection.atEndOfStream()).as("closed silently after 300 ms idle (RFC 9112 §9.8)").isTrue();
        }
    }

    @Test
    void pastTheConnectionCap_gets503() throws Exception {
        start(hello().configure(c -> c.withMaxConnections(1)));
        try (Connection first = new Connection(door.port()); Connection second = new Connection(door.port())) {
            first.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(first.read().status()).isEqualTo(200);
            HttpResponse refused = second.read();
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.headers().first("Connection")).contains("close");
        }
    }

    /** A keep-alive HTTP/1.1 client on a raw socket: write requests, read responses one at a time. */
    static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private ByteBuffer buffer = ByteBuffer.allocate(1 << 20).flip();

        Connection(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
        }

        void send(String text) throws IOException {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        }

        HttpResponse read() throws IOException {
            HttpResponseParser parser = new HttpResponseParser(HttpLimits.defaults());
            while (true) {
                try {
                    HttpResponse response = buffer.hasRemaining() ? parser.parse(buffer) : null;
                    if (response != null) {
                        return response;
                    }
                } catch (HttpException e) {
                    throw new AssertionError("malformed response: " + e.getMessage(), e);
                }
                if (!fill()) {
                    throw new AssertionError("the server closed before a whole response arrived");
                }
            }
        }

        /** The head of a HEAD response (no body follows). */
        String readHead() throws IOException {
            while (true) {
                String text = StandardCharsets.ISO_8859_1.decode(buffer.duplicate()).toString();
                int end = text.indexOf("\r\n\r\n");
                if (end >= 0) {
                    buffer.position(buffer.position() + end + 4);
                    return text.substring(0, end);
                }
                if (!fill()) {
                    throw new AssertionError("closed before the head ended: " + text);
                }
            }
        }

        boolean atEndOfStream() throws IOException {
            if (buffer.hasRemaining()) {
                return false;
            }
            try {
                return in.read() < 0;
            } catch (java.net.SocketException reset) {
                return true;
            }
        }

        private boolean fill() throws IOException {
            buffer.compact();
            int count = in.read(buffer.array(), buffer.position(), buffer.remaining());
            if (count > 0) {
                buffer.position(buffer.position() + count);
            }
            buffer.flip();
            return count >= 0;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
