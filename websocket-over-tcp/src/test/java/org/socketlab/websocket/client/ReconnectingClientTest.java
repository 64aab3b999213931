package org.socketlab.websocket.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.frame.CloseStatus;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.server.WebSocketServer;

/** Automatic reconnection: after abnormal closes yes, after a normal close or the user's close no. */
@Timeout(30)
class ReconnectingClientTest {

    private static final Backoff FAST = new Backoff(Duration.ofMillis(10), Duration.ofMillis(50), 2.0, 0.0, 3);

    private WebSocketServer server;
    private ReconnectingClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop(Duration.ofSeconds(2));
        }
    }

    /** Closes the first {@code dropCount} sessions with {@code code}, keeps the rest open. */
    private void startServer(int dropCount, int code) throws Exception {
        AtomicInteger opened = new AtomicInteger();
        server = WebSocketServer.builder().endpoint("/", new WebSocketHandler() {
            @Override
            public void onOpen(Session session) {
                if (opened.incrementAndGet() <= dropCount) {
                    session.close(code, "dropping you");
                }
            }

            @Override
            public void onText(Session session, String text) {
                session.sendText(text);
            }
        }).start();
    }

    @Test
    void abnormalClose_reconnects_andCallsTheResubscribeHook() throws Exception {
        startServer(2, 1011);
        LinkedBlockingQueue<Integer> reconnects = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<String> echoes = new LinkedBlockingQueue<>();
        ClientOptions options = ClientOptions.defaults().reconnect(FAST)
                .onReconnect((session, attempt) -> reconnects.add(attempt));
        client = ReconnectingClient.start(URI.create(server.uri("/")), new WebSocketHandler() {
            @Override
            public void onText(Session session, String text) {
                echoes.add(text);
            }
        }, options, new Random(1));
        assertThat(reconnects.poll(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(reconnects.poll(5, TimeUnit.SECONDS)).isEqualTo(2);
        Session third = awaitSession();
        third.sendText("re-subscribed");
        assertThat(echoes.poll(5, TimeUnit.SECONDS)).isEqualTo("re-subscribed");
        assertThat(client.connections()).isEqualTo(3);
    }

    @Test
    void normalCloseFromTheServer_isFinal() throws Exception {
        startServer(1, 1000);
        client = ReconnectingClient.start(URI.create(server.uri("/")), new WebSocketHandler() { },
                ClientOptions.defaults().reconnect(FAST));
        CloseStatus last = client.terminated().get(5, TimeUnit.SECONDS);
        assertThat(last.code()).isEqualTo(1000);
        assertThat(client.connections()).isEqualTo(1);
    }

    @Test
    void closeByTheApplication_isFinal() throws Exception {
        startServer(0, 1000);
        client = ReconnectingClient.start(URI.create(server.uri("/")), new WebSocketHandler() { },
                ClientOptions.defaults().reconnect(FAST));
        awaitSession();
        client.close();
        assertThat(client.terminated().get(5, TimeUnit.SECONDS).code()).isEqualTo(1000);
        assertThat(client.connections()).isEqualTo(1);
    }

    @Test
    void unreachableServer_givesUpAfterMaxAttempts() throws Exception {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = probe.getLocalPort();
        }
        CopyOnWriteArrayList<Integer> hooks = new CopyOnWriteArrayList<>();
        client = ReconnectingClient.start(URI.create("ws://127.0.0.1:" + freePort + "/"), new WebSocketHandler() { },
                ClientOptions.defaults().reconnect(FAST).onReconnect((s, n) -> hooks.add(n)));
        CloseStatus last = client.terminated().get(10, TimeUnit.SECONDS);
        assertThat(last.code()).isEqualTo(1006);
        assertThat(client.connections()).isZero();
        assertThat(hooks).isEmpty();
    }

    private Session awaitSession() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            var session = client.session();
            if (session.isPresent() && client.connections() >= 1) {
                return session.get();
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no open session within 5 s");
    }
}
