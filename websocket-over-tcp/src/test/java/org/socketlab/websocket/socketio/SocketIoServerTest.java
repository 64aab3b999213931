package org.socketlab.websocket.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Java API, driven by a hand-written polling client (no Node needed). */
@Timeout(value = 15, unit = TimeUnit.SECONDS)
class SocketIoServerTest {

    private final BlockingQueue<SocketIoSocket> connections = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();
    private SocketIoServer server;

    private SocketIoServer start(SocketIoServer.Builder builder) throws Exception {
        server = builder.build();
        server.of("/").on("connection", socket -> {
            socket.on("disconnect", (args, ack) -> disconnects.add((String) args.get(0)));
            connections.add(socket);
        });
        return server.start();
    }

    private SocketIoSocket nextConnection() throws InterruptedException {
        SocketIoSocket socket = connections.poll(5, TimeUnit.SECONDS);
        assertThat(socket).as("a connection within 5 s").isNotNull();
        return socket;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Nested
    class Acknowledgements {

        @Test
        void emitWithAck_completesWithTheClientsReply() throws Exception {
            start(SocketIoServer.builder());
            PollingClient client = new PollingClient(server.port());
            client.connect("/");
            SocketIoSocket socket = nextConnection();
            CompletableFuture<List<Object>> reply = socket.emitWithAck("q", Duration.ofSeconds(5), 1);
            String event = client.await(p -> p.startsWith("42"));
            assertThat(event).isEqualTo("420[\"q\",1]");
            client.send("430[\"a\",{\"b\":true}]");
            assertThat(reply.get(5, TimeUnit.SECONDS)).containsExactly("a", java.util.Map.of("b", true));
        }

        @Test
        void emitWithAck_timesOutWhenTheClientIsSilent() throws Exception {
            start(SocketIoServer.builder());
            new PollingClient(server.port()).connect("/");
            CompletableFuture<List<Object>> reply = nextConnection().emitWithAck("q", Duration.ofMillis(100));
            assertThatThrownBy(() -> reply.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TimeoutException.class);
        }

        @Test
        void pendingAcksFailWhenTheSocketDisconnects() throws Exception {
            start(SocketIoServer.builder());
            PollingClient client = new PollingClient(server.port());
            client.connect("/");
            CompletableFuture<List<Object>> reply = nextConnection().emitWithAck("q", Duration.ofSeconds(10));
            client.send("41");
            assertThat(disconnects.poll(5, TimeUnit.SECONDS)).isEqualTo("client namespace disconnect");
            assertThatThrownBy(() -> reply.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    class Rooms {

        @Test
        void roomBroadcastReachesMembersOnly_andExceptLeavesSomeOut() throws Exception {
            start(SocketIoServer.builder());
            PollingClient a = new PollingClient(server.port());
            a.connect("/");
            SocketIoSocket sa = nextConnection();
            PollingClient b = new PollingClient(server.port());
            b.connect("/");
            SocketIoSocket sb = nextConnection();
            sa.join("r");
            sb.join("r");
            assertThat(server.sockets().to("r").emit("x", 1)).isEqualTo(2);
            assertThat(sa.to("r").emit("y", 2)).isEqualTo(1);
            assertThat(server.sockets().to("r").except(sb.id()).emit("z", 3)).isEqualTo(1);
            assertThat(b.await(p -> p.startsWith("42[\"y\""))).isEqualTo("42[\"y\",2]");
            sa.leave("r");
            assertThat(server.sockets().to("r").targets()).containsExactly(sb);
            assertThat(sa.rooms()).containsExactly(sa.id());
        }

        @Test
        void disconnectLeavesEveryRoom() throws Exception {
            start(SocketIoServer.builder());
            PollingClient a = new PollingClient(server.port());
            a.connect("/");
            SocketIoSocket socket = nextConnection();
            socket.join("r");
            socket.disconnect();
            assertThat(a.await(p -> p.startsWith("41"))).isEqualTo("41");
            assertThat(disconnects.poll(5, TimeUnit.SECONDS)).isEqualTo("server namespace disconnect");
            assertThat(server.sockets().rooms()).isEmpty();
            assertThat(socket.emit("late")).isFalse();
        }
    }

    @Nested
    class Connections {

        @Test
        void connectTimeout_closesAClientThatJoinsNoNamespace() throws Exception {
            start(SocketIoServer.builder().connectTimeout(Duration.ofMillis(200)));
            PollingClient idle = new PollingClient(server.port());
            assertThat(idle.await(p -> p.equals("1"))).isEqualTo("1");
            assertThat(server.connectionCount()).isZero();
        }

        @Test
        void malformedPacket_closesTheConnection() throws Exception {
            start(SocketIoServer.builder());
            PollingClient client = new PollingClient(server.port());
            client.connect("/");
            nextConnection();
            client.send("42{\"not\":\"an array\"}");
            assertThat(disconnects.poll(5, TimeUnit.SECONDS)).isEqualTo("parse error");
        }

        @Test
        void callerMistakesAreRefused() throws Exception {
            start(SocketIoServer.builder());
            assertThatThrownBy(() -> server.of("chat")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> server.sockets().emit("disconnect")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("reserved");
            assertThatThrownBy(() -> server.sockets().on("message", s -> { }))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
        }
    }
}
