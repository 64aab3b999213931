package org.socketlab.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.handshake.HandshakePolicy;
import org.socketlab.websocket.testing.RawWebSocket;
import org.socketlab.websocket.testing.RecordingHandler;

/**
 * Issue 19: an idle WebSocket must not keep its upgrade request alive. The request, the
 * exchange and everything they reach (the connection's 16 KiB read buffer and parser were the
 * bulk: about 6 KiB per idle connection on average) must be garbage once the WebSocket runs —
 * for an endpoint registered on the front door and for a mount that upgrades from its own
 * handler frame alike.
 *
 * <p>Before the fix the WebSocket ran inside {@code HttpConnection.serve → FrontDoor.dispatch →
 * route → upgrade}, whose frames held the request and the exchange: both checks failed with
 * "expected the upgrade request to be collected, still reachable".
 */
@Timeout(30)
class UpgradeReleasesHttpTest {

    private FrontDoor door;

    @AfterEach
    void stop() {
        if (door != null) {
            door.close();
        }
    }

    @Test
    void registeredEndpoint_requestIsGarbageWhileTheWebSocketIdles() throws Exception {
        AtomicReference<WeakReference<Object>> request = new AtomicReference<>();
        RecordingHandler handler = new RecordingHandler();
        FrontDoor.Builder builder = FrontDoor.builder();
        builder.addHandler(handler, "/idle")
                .addInterceptors((upgrade, remote, attributes) -> request.set(new WeakReference<>(upgrade)));
        door = builder.start();
        try (RawWebSocket client = RawWebSocket.connect(door.port(), "/idle")) {
            handler.opened.get(10, TimeUnit.SECONDS);
            assertCollected("the upgrade request", request.get());
            assertStillEchoes(client, handler);
        }
    }

    @Test
    void mountThatUpgrades_requestAndExchangeAreGarbageWhileTheWebSocketIdles() throws Exception {
        AtomicReference<WeakReference<Object>> request = new AtomicReference<>();
        AtomicReference<WeakReference<Object>> exchange = new AtomicReference<>();
        RecordingHandler handler = new RecordingHandler();
        door = FrontDoor.builder().mount("/mounted/", served -> {
            // The mount's own frame holds the exchange and the request while it upgrades.
            var upgradeRequest = served.request();
            request.set(new WeakReference<>(upgradeRequest));
            exchange.set(new WeakReference<>(served));
            boolean upgraded = served.upgrade(UpgradeOptions.of(HandshakePolicy.defaults()), handler);
            assertThat(upgraded).as("upgraded %s", upgradeRequest.path()).isTrue();
        }).start();
        try (RawWebSocket client = RawWebSocket.connect(door.port(), "/mounted/ws")) {
            handler.opened.get(10, TimeUnit.SECONDS);
            assertCollected("the upgrade request", request.get());
            assertCollected("the exchange", exchange.get());
            assertStillEchoes(client, handler);
        }
    }

    /** Bounded polling: a GC is a request, not a command. */
    private static void assertCollected(String what, WeakReference<Object> reference) throws InterruptedException {
        assertThat(reference).as("%s was seen by the server", what).isNotNull();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (reference.get() != null && System.nanoTime() < deadline) {
            System.gc();
            TimeUnit.MILLISECONDS.sleep(20); // gives the reference handler a turn; not synchronisation
        }
        assertThat(reference.get())
                .as("expected %s to be collected while the WebSocket idles, still reachable", what)
                .isNull();
    }

    private static void assertStillEchoes(RawWebSocket client, RecordingHandler handler) throws Exception {
        client.sendText("still here");
        assertThat(handler.messages.poll(10, TimeUnit.SECONDS)).as("message received after the GC").isEqualTo("still here");
    }
}
