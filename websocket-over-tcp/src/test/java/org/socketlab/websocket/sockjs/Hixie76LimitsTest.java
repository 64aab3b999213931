package org.socketlab.websocket.sockjs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.frame.CloseStatus;
import org.socketlab.websocket.protocol.ProtocolConfig;
import org.socketlab.websocket.server.FrontDoor;

/**
 * A hixie-76 WebSocket keeps the front door's limits: the handshake deadline for key3, the
 * largest message, the frame timeout, and the endpoint's origin policy; the handler hears the close.
 */
@Timeout(30)
class Hixie76LimitsTest {

    private static final String ORIGIN = "http://good.example";
    private static final BlockingQueue<String> CLOSES = new LinkedBlockingQueue<>();
    private static FrontDoor door;

    @BeforeAll
    static void start() throws Exception {
        ProtocolConfig protocol = new ProtocolConfig(1024, 1024, Duration.ZERO, Duration.ofSeconds(10), Duration.ZERO,
                Duration.ofSeconds(1), true, Duration.ofMillis(500));
        FrontDoor.Builder builder = FrontDoor.builder().host("127.0.0.1").port(0)
                .configure(config -> config.withHandshakeTimeout(Duration.ofMillis(500)).withProtocol(protocol));
        builder.addHandler(new WebSocketHandler() {
            @Override
            public void onText(Session session, String text) {
                session.sendText(text);
            }

            @Override
            public void onClose(Session session, CloseStatus status) {
                CLOSES.add(status.code() + " " + status.initiator());
            }
        }, "/echo").setAllowedOrigins(ORIGIN).withSockJS();
        door = builder.start();
    }

    @AfterAll
    static void stop() {
        door.close();
    }

    private static String url() {
        return "/echo/000/" + UUID.randomUUID() + "/websocket";
    }

    @Test
    void key3ThatNeverComes_closesTheConnectionAtTheHandshakeDeadline() throws Exception {
        long started = System.nanoTime();
        try (Hixie76Client c = Hixie76Client.sendHead(door.port(), url(), ORIGIN)) {
            c.readHead();
            assertThat(c.status).isEqualTo(101);
            assertThat(c.closedByServer()).as("closed without the answer").isTrue();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aMessageOverTheLimit_endsTheConnection_andTheHandlerHears1009() throws Exception {
        CLOSES.clear();
        try (Hixie76Client ws = Hixie76Client.connect(door.port(), url(), ORIGIN)) {
            assertThat(ws.recv()).isEqualTo("o");
            ws.send("[\"" + "x".repeat(2000) + "\"]");
            assertThat(ws.recv()).as("the closing handshake").isNull();
            assertThat(ws.closedByServer()).isTrue();
        }
        assertThat(CLOSES.poll(10, TimeUnit.SECONDS)).isEqualTo("1009 LOCAL");
    }

    @Test
    void aFrameLeftUnfinished_endsTheConnectionAtTheFrameTimeout() throws Exception {
        CLOSES.clear();
        try (Hixie76Client ws = Hixie76Client.connect(door.port(), url(), ORIGIN)) {
            assertThat(ws.recv()).isEqualTo("o");
            ws.out.write(new byte[] {0x00, '[', '"'});
            ws.out.flush();
            assertThat(ws.recv()).as("the closing handshake").isNull();
            assertThat(ws.closedByServer()).isTrue();
        }
        assertThat(CLOSES.poll(10, TimeUnit.SECONDS)).isEqualTo("1008 LOCAL");
    }

    @Test
    void theClientsClosingHandshake_isAnswered_andTheHandlerHears1000FromTheClient() throws Exception {
        CLOSES.clear();
        try (Hixie76Client ws = Hixie76Client.connect(door.port(), url(), ORIGIN)) {
            assertThat(ws.recv()).isEqualTo("o");
            ws.out.write(Hixie76Codec.CLOSING_FRAME);
            ws.out.flush();
            assertThat(ws.recv()).isNull();
            assertThat(ws.closedByServer()).isTrue();
        }
        assertThat(CLOSES.poll(10, TimeUnit.SECONDS)).isEqualTo("1000 REMOTE");
    }

    @Test
    void anOriginTheEndpointRefuses_is403() throws Exception {
        try (Hixie76Client c = Hixie76Client.sendHead(door.port(), url(), "http://evil.example")) {
            c.readHead();
            assertThat(c.status).isEqualTo(403);
        }
    }

    @Test
    void keysThatBreakTheDraft_are400() throws Exception {
        try (RawHttp r = new RawHttp(door.port()).request("GET", url(), "HTTP/1.1", "", "Upgrade: WebSocket",
                "Connection: Upgrade", "Origin: " + ORIGIN, "Sec-WebSocket-Key1: 12345", "Sec-WebSocket-Key2: 1 2")) {
            assertThat(r.status).isEqualTo(400);
        }
    }
}
