package org.socketlab.websocket.sockjs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.frame.CloseStatus;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.server.FrontDoor;

/**
 * Heartbeats, the disconnect delay, the endpoint's origin policy and the front door's stop, with
 * short timers: what the protocol suite leaves to "may be configurable".
 */
@Timeout(20)
class SockJsTimersAndAdmissionTest {

    private final CompletableFuture<Session> opened = new CompletableFuture<>();
    private FrontDoor door;

    @BeforeEach
    void start() throws Exception {
        FrontDoor.Builder builder = FrontDoor.builder().host("127.0.0.1").port(0);
        builder.addHandler(new WebSocketHandler() {
            @Override
            public void onOpen(Session session) {
                opened.complete(session);
            }

            @Override
            public void onText(Session session, String text) {
                session.sendText(text);
            }
        }, "/chat").setAllowedOrigins("http://good.example").withSockJS()
                .setHeartbeatTime(Duration.ofMillis(300)).setDisconnectDelay(Duration.ofMillis(400));
        door = builder.start();
    }

    @AfterEach
    void stop() {
        door.close();
    }

    private RawHttp post(String target, String body, String... headers) throws Exception {
        return new RawHttp(door.port()).request("POST", target, "HTTP/1.1", body, headers);
    }

    @Test
    void heldPoll_getsAHeartbeat_afterTheIntervalOfSilence() throws Exception {
        try (RawHttp r = post("/chat/000/hb/xhr", "")) {
            assertThat(r.body()).isEqualTo("o\n");
        }
        long start = System.nanoTime();
        try (RawHttp r = post("/chat/000/hb/xhr", "")) {
            assertThat(r.body()).isEqualTo("h\n");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the heartbeat waits for the interval")
                .isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }

    @Test
    void sessionWithoutAReceivingRequest_expiresAfterTheDisconnectDelay_andTheHandlerSeesItClose() throws Exception {
        try (RawHttp r = post("/chat/000/gone/xhr", "")) {
            assertThat(r.body()).isEqualTo("o\n");
        }
        Session session = opened.get(5, TimeUnit.SECONDS);
        CloseStatus status = session.closeFuture().get(5, TimeUnit.SECONDS);
        assertThat(status.code()).isEqualTo(1006);
        assertThat(session.isOpen()).isFalse();
        try (RawHttp r = post("/chat/000/gone/xhr_send", "[\"late\"]")) {
            assertThat(r.status).as("the expired session is forgotten").isEqualTo(404);
        }
    }

    @Test
    void originRefusedByTheEndpoint_cannotOpenASession_anAllowedOneCan() throws Exception {
        try (RawHttp r = post("/chat/000/evil/xhr", "", "Origin: http://evil.example")) {
            assertThat(r.status).isEqualTo(403);
        }
        try (RawHttp r = post("/chat/000/fine/xhr", "", "Origin: http://good.example")) {
            assertThat(r.status).isEqualTo(200);
            assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("http://good.example");
            assertThat(r.body()).isEqualTo("o\n");
        }
    }

    @Test
    void applicationClose_reachesTheClientAsACloseFrame_withItsCode() throws Exception {
        try (RawHttp r = post("/chat/000/closing/xhr", "")) {
            assertThat(r.body()).isEqualTo("o\n");
        }
        opened.get(5, TimeUnit.SECONDS).close(4001, "bye \"you\"");
        try (RawHttp r = post("/chat/000/closing/xhr", "")) {
            assertThat(r.body()).isEqualTo("c[4001,\"bye \\\"you\\\"\"]\n");
        }
    }

    @Test
    void stoppingTheFrontDoor_closesSockJsSessionsWith1001() throws Exception {
        try (RawHttp r = post("/chat/000/stopping/xhr", "")) {
            assertThat(r.body()).isEqualTo("o\n");
        }
        Session session = opened.get(5, TimeUnit.SECONDS);
        door.stop(Duration.ofSeconds(1));
        assertThat(session.closeFuture().get(5, TimeUnit.SECONDS).code()).isEqualTo(1001);
    }
}
