package org.socketlab.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.testing.RawWebSocket;
import org.socketlab.websocket.testing.TestEchoHandler;

/** The builder's choice of connection threads reaches the thread that runs the handler. */
@Timeout(10)
class ConnectionThreadsTest {

    /** Echoes, and reports whether the first message was handled on a virtual thread. */
    private static final class ThreadKindEcho extends TestEchoHandler {
        final CompletableFuture<Boolean> virtual = new CompletableFuture<>();

        @Override
        public void onText(Session session, String text) {
            virtual.complete(Thread.currentThread().isVirtual());
            super.onText(session, text);
        }
    }

    @ParameterizedTest
    @EnumSource(ConnectionThreads.class)
    void theChosenThreadKindReadsTheConnection_andEchoes(ConnectionThreads threads) throws Exception {
        ThreadKindEcho handler = new ThreadKindEcho();
        try (WebSocketServer server = WebSocketServer.builder().connectionThreads(threads).endpoint("/", handler).start();
             RawWebSocket ws = RawWebSocket.connect(server.port(), "/")) {
            ws.sendText("which thread?");
            assertThat(ws.readFrame().text()).isEqualTo("which thread?");
            assertThat(handler.virtual.get(5, TimeUnit.SECONDS)).as("handler ran on a virtual thread with %s", threads)
                    .isEqualTo(threads == ConnectionThreads.VIRTUAL);
        }
    }

    @Test
    void virtualIsTheDefault() throws Exception {
        ThreadKindEcho handler = new ThreadKindEcho();
        try (WebSocketServer server = WebSocketServer.builder().endpoint("/", handler).start();
             RawWebSocket ws = RawWebSocket.connect(server.port(), "/")) {
            ws.sendText("default");
            ws.readFrame();
            assertThat(handler.virtual.get(5, TimeUnit.SECONDS)).isTrue();
        }
    }
}
