package org.socketlab.websocket.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.client.WebSocketClient;
import org.socketlab.websocket.routing.WebSocketApi;
import org.socketlab.websocket.server.WebSocketServer;
import org.socketlab.websocket.testing.RecordingHandler;
import org.socketlab.websocket.testing.RedisFixture;

/**
 * {@code @connections} answered by any node: two API servers, one Redis. A client connects to
 * node A; node B posts to it, reads its status, broadcasts, disconnects it — and answers 410
 * once it is gone everywhere, including when node A died without saying goodbye.
 */
@Timeout(60)
class ClusterRoutingTest {

    static final String KEY = "cluster-test-key-0123456789";
    @RegisterExtension
    static final RedisFixture REDIS = new RedisFixture();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Node a;
    private Node b;


    /** One server process: its cluster membership and its API on a port of its own. */
    record Node(ClusterNode cluster, WebSocketApi api, WebSocketServer server) implements AutoCloseable {
        static Node start(String id) throws Exception {
            ClusterNode cluster = ClusterNode.connect(REDIS.config(id));
            WebSocketApi api = WebSocketApi.builder()
                    .directory(new ClusterConnectionDirectory(cluster))
                    .route("whoami", context -> context.reply("id:" + context.connectionId()))
                    .route("tell", context -> {
                        boolean sent = context.connections().post(context.body().orElseThrow().path("to").asText(),
                                context.body().get().path("text").asText());
                        context.reply(sent ? "told" : "gone");
                    })
                    .apiKey(KEY)
                    .build();
            return new Node(cluster, api, api.install(WebSocketServer.builder(), "/ws").start());
        }

        @Override
        public void close() {
            server.stop(Duration.ofSeconds(2));
            cluster.close();
        }
    }

    @BeforeEach
    void startNodes() throws Exception {
        a = Node.start("route-a");
        b = Node.start("route-b");
    }

    @AfterEach
    void stopNodes() {
        for (Node node : new Node[] {b, a}) {
            if (node != null) {
                node.close();
            }
        }
    }

    private record Client(Session session, RecordingHandler handler, String id) {
    }

    private static Client connect(Node node) throws Exception {
        RecordingHandler handler = new RecordingHandler();
        Session session = WebSocketClient.connect(URI.create(node.server().uri("/ws")), handler);
        session.sendText("{\"action\":\"whoami\"}");
        String reply = (String) handler.messages.poll(10, TimeUnit.SECONDS);
        assertThat(reply).as("reply to whoami").startsWith("id:");
        return new Client(session, handler, reply.substring(3));
    }

    private HttpResponse<String> call(Node node, String method, String id, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.server().uri("/@connections/" + id)
                        .replace("ws://", "http://")))
                .header("x-api-key", KEY)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anyNodeAnswersPostGetAndDelete_then410Everywhere() throws Exception {
        Client alice = connect(a);

        assertThat(call(b, "POST", alice.id(), "{\"notice\":\"from b\"}").statusCode()).as("POST on B").isEqualTo(200);
        assertThat(alice.handler().messages.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"notice\":\"from b\"}");

        HttpResponse<String> status = call(b, "GET", alice.id(), null);
        assertThat(status.statusCode()).as("GET on B, body " + status.body()).isEqualTo(200);
        assertThat(status.body()).contains("\"connectionId\":\"" + alice.id() + "\"", "\"sourceIp\":\"127.0.0.1\"");

        assertThat(call(b, "DELETE", alice.id(), null).statusCode()).as("DELETE on B").isEqualTo(204);
        assertThat(alice.handler().closed.get(10, TimeUnit.SECONDS).code()).isEqualTo(1000);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); // $disconnect runs after the close handshake
        while (a.api().connections().isConnected(alice.id()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        for (Node node : new Node[] {a, b}) {
            assertThat(call(node, "GET", alice.id(), null).statusCode()).as("GET after DELETE").isEqualTo(410);
            assertThat(call(node, "POST", alice.id(), "x").statusCode()).as("POST after DELETE").isEqualTo(410);
        }
    }

    @Test
    void routesAndBroadcastsReachConnectionsOfTheOtherNode() throws Exception {
        Client alice = connect(a);
        Client bob = connect(b);

        bob.session().sendText("{\"action\":\"tell\",\"to\":\"" + alice.id() + "\",\"text\":\"hi alice\"}");
        assertThat(alice.handler().messages.poll(10, TimeUnit.SECONDS)).isEqualTo("hi alice");
        assertThat(bob.handler().messages.poll(10, TimeUnit.SECONDS)).isEqualTo("told");

        assertThat(b.api().connections().broadcast("to everyone")).as("B's own connections").isEqualTo(1);
        assertThat(bob.handler().messages.poll(10, TimeUnit.SECONDS)).isEqualTo("to everyone");
        assertThat(alice.handler().messages.poll(10, TimeUnit.SECONDS)).isEqualTo("to everyone");
        assertThat(alice.handler().messages.poll(300, TimeUnit.MILLISECONDS)).as("a second copy").isNull();
        alice.session().close(1000, "done");
        bob.session().close(1000, "done");
    }

    @Test
    void aConnectionOfADeadNodeIs410AtOnce() throws Exception {
        Client alice = connect(a);
        assertThat(call(b, "GET", alice.id(), null).statusCode()).isEqualTo(200);

        a.cluster().close(); // node A's Redis side dies: no heartbeat, no subscriber; its entries linger until the TTL

        assertThat(call(b, "POST", alice.id(), "anyone?").statusCode()).as("POST to a node nobody hears").isEqualTo(410);
        assertThat(call(b, "GET", alice.id(), null).statusCode()).as("GET after that").isEqualTo(410);
        alice.session().close(1000, "done");
    }
}
