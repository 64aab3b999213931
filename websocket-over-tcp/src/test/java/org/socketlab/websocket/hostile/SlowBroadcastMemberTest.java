package org.socketlab.websocket.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.routing.WebSocketApi;
import org.socketlab.websocket.server.WebSocketServer;
import org.socketlab.websocket.testing.RawWebSocket;
import org.junit.jupiter.api.extension.ExtendWith;
import org.socketlab.websocket.testing.StopAfterEach;
import org.socketlab.websocket.testing.StopAfterEachExtension;

/**
 * Issue 17 item 6: {@code ConnectionManager.broadcast} sent to each member in turn with the
 * blocking {@code sendText}, so one member that never reads held every broadcast — and the route
 * response behind it — for the whole send timeout (30 s). Now a broadcast never waits for one
 * member: the members that read get every message within a short bound, the one that does not
 * read is closed once its backlog passes the per-connection cap, and a fresh client is served.
 */
@Timeout(90)
@ExtendWith(StopAfterEachExtension.class)
class SlowBroadcastMemberTest {

    /** Each reader must get each broadcast within this; before the fix one waited up to 30 s. */
    private static final int DELIVERY_BOUND_MILLIS = 10_000;
    private static final int MESSAGE_BYTES = 32 * 1024;
    /** 8 MiB in all: more than the slow member's queue, socket buffers and backlog cap together. */
    private static final int BROADCASTS = Integer.getInteger("socketlab.hostile.broadcasts", 256);

    private final Map<String, String> idsByName = new ConcurrentHashMap<>();
    private final Set<String> disconnected = ConcurrentHashMap.newKeySet();
    @StopAfterEach
    private WebSocketServer server;

    private void start() throws IOException {
        WebSocketApi api = WebSocketApi.builder()
                .onConnect(request -> request.queryParameter("name")
                        .ifPresent(name -> idsByName.put(name, request.connectionId())))
                .onDisconnect((connectionId, code, reason, connections) -> disconnected.add(connectionId))
                .route("broadcast", context -> {
                    int members = context.connections().broadcast(context.body().orElseThrow().path("text").asText());
                    context.reply("sent to " + members);
                })
                .route("whoami", context -> context.reply("id:" + context.connectionId()))
                .build();
        server = api.install(WebSocketServer.builder().maxBufferedBytes(256 * 1024), "/ws").start();
    }

    /** Completes the upgrade with a tiny receive window, then never reads another byte. */
    private Socket neverReadingMember() throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096); // before connect: it sets the window the server sees
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
        OutputStream out = socket.getOutputStream();
        out.write(RawWebSocket.upgradeRequest(server.port(), "/ws?name=slow", "").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return socket;
    }

    private RawWebSocket member(String name) throws IOException {
        RawWebSocket ws = RawWebSocket.connect(server.port(), "/ws?name=" + name);
        ws.socket().setSoTimeout(DELIVERY_BOUND_MILLIS);
        return ws;
    }

    @Test
    void aMemberThatNeverReads_delaysNoBroadcast_andIsClosedOnceItsBacklogOverflows() throws Exception {
        start();
        try (RawWebSocket sender = member("sender"); RawWebSocket listener = member("listener");
             Socket slow = neverReadingMember()) {
            awaitNames("sender", "listener", "slow");
            String text = "x".repeat(MESSAGE_BYTES);
            String request = "{\"action\":\"broadcast\",\"text\":\"" + text + "\"}";
            for (int i = 0; i < BROADCASTS; i++) {
                long started = System.nanoTime();
                sender.sendText(request);
                // SO_TIMEOUT is the bound: a broadcast held by the slow member fails here.
                assertThat(listener.readMessage().payload()).as("broadcast %d to the listener", i).hasSize(MESSAGE_BYTES);
                assertThat(sender.readMessage().payload()).as("broadcast %d to the sender", i).hasSize(MESSAGE_BYTES);
                assertThat(sender.readMessage().text()).as("route response %d", i).startsWith("sent to ");
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                assertThat(millis).as("broadcast %d round trip in ms", i).isLessThan(DELIVERY_BOUND_MILLIS);
            }
            String slowId = idsByName.get("slow");
            assertThat(awaitDisconnect(slowId, Duration.ofSeconds(20)))
                    .as("the member that never reads (%s) is closed once its backlog passes the cap", slowId).isTrue();
            try (RawWebSocket fresh = member("fresh")) {
                fresh.sendText("{\"action\":\"whoami\"}");
                assertThat(fresh.readMessage().text()).startsWith("id:");
            }
            assertThat(disconnected).as("nobody but the slow member was dropped").doesNotContain(
                    idsByName.get("sender"), idsByName.get("listener"));
        }
    }

    private void awaitNames(String... names) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!idsByName.keySet().containsAll(List.of(names)) && System.nanoTime() < deadline) {
            Thread.sleep(10); // bounded polling for $connect, which runs on the server's threads
        }
        assertThat(idsByName).containsKeys(names);
    }

    private boolean awaitDisconnect(String connectionId, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!disconnected.contains(connectionId) && System.nanoTime() < deadline) {
            Thread.sleep(20); // bounded polling for $disconnect, which runs on the server's threads
        }
        return disconnected.contains(connectionId);
    }
}
