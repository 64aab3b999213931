package org.socketlab.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.handshake.HandshakePolicy;
import org.socketlab.websocket.testing.RawWebSocket;

/**
 * The server writes its 101 only once the handler's {@code onOpen} has returned, on every
 * transport. So a client that has seen the 101 can count on {@code onOpen} having run — a chat
 * handler has registered it, and a message someone sends next reaches it (before this, a lab 12
 * grading run once saw bob miss alice's broadcast: bob had his 101, his {@code onOpen} had not
 * run yet). What {@code onOpen} sends follows the 101, and an {@code onOpen} that sends more than
 * the outbound queue holds still completes: the 101 then leaves early rather than wait for a
 * queue that cannot drain.
 */
@Timeout(30)
class OnOpenBeforeSwitchingTest {

    /** An {@code onOpen} that waits for the test, registers the session, and greets. */
    private static final class GatedHandler implements WebSocketHandler {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<Session> registered = new CopyOnWriteArrayList<>();

        @Override
        public void onOpen(Session session) {
            entered.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            registered.add(session);
            session.sendText("hello from onOpen");
        }
    }

    @ParameterizedTest
    @EnumSource(ConnectionThreads.class)
    void the101LeavesOnlyAfterOnOpenReturned(ConnectionThreads threads) throws Exception {
        GatedHandler handler = new GatedHandler();
        try (FrontDoor door = FrontDoor.builder().connectionThreads(threads).mount("/chat", exchange ->
                exchange.upgrade(UpgradeOptions.of(HandshakePolicy.defaults()), handler)).start()) {
            Socket socket = RawWebSocket.send(door.port(), RawWebSocket.upgradeRequest(door.port(), "/chat", ""));
            try {
                assertThat(handler.entered.await(10, TimeUnit.SECONDS)).as("onOpen runs").isTrue();
                // On loopback a written byte is in the peer's receive queue when write() returns:
                // had the 101 been written before onOpen, it would be readable now.
                assertThat(socket.getInputStream().available()).as("bytes readable while onOpen runs, on " + threads)
                        .isZero();
            } finally {
                handler.release.countDown();
            }
            try (RawWebSocket client = RawWebSocket.readResponse(socket)) {
                assertThat(client.status()).isEqualTo(101);
                assertThat(handler.registered).as("registered by onOpen when the client sees the 101").hasSize(1);
                assertThat(client.readMessage().text()).as("onOpen's message, right after the 101")
                        .isEqualTo("hello from onOpen");
                client.sendText("still works");
                client.sendClose(1000, "");
                assertThat(client.readFrame().closeCode()).isEqualTo(1000);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ConnectionThreads.class)
    void anOnOpenThatSendsMoreThanTheQueueHolds_completes(ConnectionThreads threads) throws Exception {
        int messages = 16;
        int size = 32 * 1024;
        WebSocketHandler history = new WebSocketHandler() {
            @Override
            public void onOpen(Session session) {
                for (int i = 0; i < messages; i++) { // 512 KiB through a 64 KiB queue
                    ByteBuffer message = ByteBuffer.allocate(size);
                    message.put(0, (byte) i);
                    session.sendBinary(message);
                }
            }
        };
        try (FrontDoor door = FrontDoor.builder().connectionThreads(threads)
                .configure(c -> c.withSendTimeout(java.time.Duration.ofSeconds(20)))
                .mount("/history", exchange -> exchange.upgrade(
                        UpgradeOptions.of(HandshakePolicy.defaults()).withMaxBufferedBytes(64 * 1024), history))
                .start();
             RawWebSocket client = RawWebSocket.connect(door.port(), "/history")) {
            for (int i = 0; i < messages; i++) {
                RawWebSocket.RawFrame frame = client.readMessage();
                assertThat(frame.payload()).as("message %d", i).hasSize(size);
                assertThat(frame.payload()[0]).as("message %d in order", i).isEqualTo((byte) i);
            }
        }
    }
}
