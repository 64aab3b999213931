package org.socketlab.labs;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.socketlab.labs.socketio.PollingWire;
import org.socketlab.labs.socketio.SockJsTour;
import org.socketlab.websocket.demo.SockJsServer;
import org.socketlab.websocket.sockjs.SockJsOptions;
import org.socketlab.websocket.socketio.ConnectErrorException;
import org.socketlab.websocket.socketio.SocketIoServer;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;

/**
 * Lab 13 — Socket.IO: events, namespaces, rooms and the long-polling fallback, watched on the
 * wire. A hand-written client speaks Engine.IO v4 over plain HTTP requests (the fallback every
 * browser supports), then upgrades the same session to a WebSocket. Guide:
 * labs/guides/13-socketio-events-namespaces-fallback.md.
 */
public final class Lab13SocketIo {

    static final String TITLE = "Socket.IO events, namespaces, rooms and the fallback";
    static final String SUMMARY = "Engine.IO polling by hand, emit/ack, binary, namespace middleware, rooms, heartbeat, "
            + "upgrade to WebSocket; SockJS: one message over each transport";

    /** Short enough that a heartbeat shows up during the lab. */
    public static final Duration PING_INTERVAL = Duration.ofSeconds(1);

    private Lab13SocketIo() {
    }

    /** The command line (see {@link Cli}); run through the launcher: {@code -Dargs="13 --help"}. */
    @Command(name = "lab 13", mixinStandardHelpOptions = true, description = SUMMARY)
    static final class Options {
    }

    public static void main(String[] args) throws Exception {
        Cli.parse(new Options(), args);
        System.out.println("Lab 13 — Socket.IO events, namespaces, rooms and the fallback (Engine.IO v4, Socket.IO v5)");
        try (SocketIoServer server = startServer()) {
            System.out.println("  server on " + server.url() + "/socket.io/ (namespaces \"/\" and \"/admin\")");
            PollingWire alice = handshake(server);
            events(alice);
            namespaces(alice);
            rooms(server, alice);
            heartbeat(alice);
            upgrade(server, alice);
        }
        sockJs();
        System.out.println();
        System.out.println("Done. Next: labs/guides/13-socketio-events-namespaces-fallback.md, section \"Experiments\".");
    }

    /**
     * The lab's server: on "/", {@code chat message} is acked with "delivered" and broadcast to
     * the others, {@code join} puts the socket in a room, {@code to room} speaks to a room,
     * {@code upload} acks the size of a binary argument; "/admin" wants auth {@code {token: "letmein"}}.
     */
    public static SocketIoServer startServer() throws IOException {
        SocketIoServer server = SocketIoServer.builder().port(0).pingInterval(PING_INTERVAL).build();
        server.of("/").on("connection", socket -> {
            socket.on("chat message", (args, ack) -> {
                socket.broadcast().emit("chat message", args.get(0));
                ack.send("delivered");
            });
            socket.on("join", (args, ack) -> {
                socket.join((String) args.get(0));
                ack.send("joined " + args.get(0));
            });
            socket.on("to room", (args, ack) -> socket.to((String) args.get(0)).emit("room message", args.get(1)));
            socket.on("upload", (args, ack) -> ack.send(((byte[]) args.get(0)).length));
        });
        server.of("/admin")
                .use(socket -> {
                    if (!"letmein".equals(socket.auth().get("token"))) {
                        throw new ConnectErrorException("not authorized", Map.of("hint", "token"));
                    }
                })
                .on("connection", socket -> socket.emit("hello admin"));
        return server.start();
    }

    static PollingWire handshake(SocketIoServer server) throws IOException, InterruptedException {
        part("1. Engine.IO handshake over plain HTTP (long-polling): GET -> open packet 0{...}");
        PollingWire wire = PollingWire.handshake(server.port()).tap(System.out::println);
        System.out.println("  => sid names this session in every later request; pingInterval/pingTimeout set the heartbeat");
        part("2. Socket.IO CONNECT to the main namespace: 40 -> 40{\"sid\":...}");
        wire.send("40");
        wire.await(p -> p.startsWith("40"));
        return wire;
    }

    static void events(PollingWire wire) throws IOException, InterruptedException {
        part("3. An event with an acknowledgement: 4 (message) 2 (EVENT) 1 (ack id) [name, args]");
        wire.send("421[\"chat message\",\"hello\"]");
        String ack = wire.await(p -> p.startsWith("431"));
        System.out.println("  => " + ack + " is 4 (message) 3 (ACK) 1 (the same id) [reply]: emit/on with a callback");
        part("3b. Binary travels after its packet: 45 (BINARY_EVENT) 1- (one attachment) 2 (ack id), then b<base64>");
        wire.send("451-2[\"upload\",{\"_placeholder\":true,\"num\":0}]", "bAQIDBAU=");
        String size = wire.await(p -> p.startsWith("432"));
        System.out.println("  => " + size + ": the server counted the 5 bytes that replaced the placeholder");
    }

    static void namespaces(PollingWire wire) throws IOException, InterruptedException {
        part("4. Namespaces share the connection: 40/admin,{auth} is judged by the namespace's middleware");
        wire.send("40/admin,{\"token\":\"guess\"}");
        wire.await(p -> p.startsWith("44/admin,"));
        System.out.println("  => 4 = CONNECT_ERROR: the middleware refused; the main namespace stays connected");
        wire.send("40/admin,{\"token\":\"letmein\"}");
        wire.await(p -> p.startsWith("40/admin,"));
        wire.await(p -> p.startsWith("42/admin,"));
    }

    static void rooms(SocketIoServer server, PollingWire alice) throws IOException, InterruptedException {
        part("5. Rooms: bob joins \"lab\"; alice speaks to the room (the sender is left out)");
        PollingWire bob = PollingWire.handshake(server.port()).tap(line -> System.out.println("  [bob]" + line.substring(1)));
        bob.send("40");
        bob.await(p -> p.startsWith("40"));
        bob.send("427[\"join\",\"lab\"]");
        bob.await(p -> p.startsWith("437"));
        alice.send("42[\"to room\",\"lab\",\"hi room\"]");
        bob.await(p -> p.startsWith("42[\"room message\""));
        alice.send("423[\"join\",\"elsewhere\"]"); // a round trip: anything for alice arrives before this ack
        alice.await(p -> p.startsWith("433"));
        System.out.println("  => only room members got it; alice's other packets: " + alice.unclaimed());
    }

    static void heartbeat(PollingWire wire) throws IOException, InterruptedException {
        part("6. Heartbeat: the server pings (2) every pingInterval, the client answers pong (3)");
        for (int polls = 0; polls < 10 && !wire.poll().contains("2"); polls++) {
            System.out.println("  (no ping in that poll; polling again)");
        }
        wire.send("3");
        System.out.println("  => without the pong the server would close the session after pingTimeout");
        HttpResponse<String> unknown = PollingWire.get(HttpClient.newHttpClient(),
                wire.sessionUrl().replace(wire.sid(), "no-such-sid"));
        System.out.println("  an unknown sid gets " + unknown.statusCode() + " " + unknown.body());
    }

    static void upgrade(SocketIoServer server, PollingWire wire) throws Exception {
        part("7. Upgrade the same session to WebSocket: 2probe -> 3probe, the pending GET gets 6 (noop), then 5");
        LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        CompletableFuture<HttpResponse<String>> pendingPoll = HttpClient.newHttpClient().sendAsync(
                java.net.http.HttpRequest.newBuilder(URI.create(wire.sessionUrl())).build(),
                HttpResponse.BodyHandlers.ofString());
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(
                wire.sessionUrl().replace("http://", "ws://").replace("transport=polling", "transport=websocket")),
                collector(frames)).get(5, TimeUnit.SECONDS);
        ws.sendText("2probe", true).get(5, TimeUnit.SECONDS);
        System.out.println("  ws -> 2probe\n  ws <- " + frames.poll(5, TimeUnit.SECONDS));
        System.out.println("  pending GET <- " + pendingPoll.get(5, TimeUnit.SECONDS).body());
        ws.sendText("5", true).get(5, TimeUnit.SECONDS);
        ws.sendText("429[\"chat message\",\"over websocket now\"]", true).get(5, TimeUnit.SECONDS);
        System.out.println("  ws -> 5, then 429[\"chat message\",...]\n  ws <- " + frames.poll(5, TimeUnit.SECONDS));
        System.out.println("  => same sid, same namespaces; the fallback and the fast path are one session");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    }

    /** The other fallback: SockJS, one message over each of its transports. */
    static void sockJs() throws Exception {
        part("8. SockJS, the other fallback: one message, [\"hi\"], over each transport of an echo endpoint");
        try (SockJsServer server = SockJsServer.start("127.0.0.1", 0, SockJsOptions.defaults())) {
            System.out.println("  SockJS endpoint " + server.baseUrl() + "/echo (GET /echo/info: "
                    + "capabilities; every session URL is /echo/<server>/<session>/<transport>)");
            SockJsTour tour = new SockJsTour(server.frontDoor().port(), System.out::println);
            System.out.println(" websocket: SockJS frames as WebSocket messages");
            tour.webSocket();
            System.out.println(" xhr-streaming: one POST held open; 2 KiB of h first, then a chunk per frame");
            tour.streaming("POST", "xhr_streaming");
            System.out.println(" eventsource: one GET, each frame a server-sent event");
            tour.streaming("GET", "eventsource");
            System.out.println(" htmlfile: one GET, a page of at least 1 KiB, then a <script> per frame");
            tour.streaming("GET", "htmlfile?c=cb");
            System.out.println(" xhr-polling: a POST per batch of frames, a POST to send");
            tour.xhrPolling();
            System.out.println(" jsonp-polling: a GET per batch, wrapped in a callback; a form POST to send");
            tour.jsonpPolling();
            System.out.println("  => one handler, one session API: only the framing around o and a[\"hi\"] changes");
        }
    }

    private static WebSocket.Listener collector(LinkedBlockingQueue<String> frames) {
        return new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                if (!data.toString().equals("2")) {
                    frames.add(data.toString());
                } else {
                    webSocket.sendText("3", true);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                webSocket.request(1);
                return null;
            }
        };
    }

    private static void part(String title) {
        System.out.println();
        System.out.println(title);
    }
}
