package org.socketlab.labs.grading;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.labs.grading.GradingAssertions.Scenario;
import org.socketlab.labs.scaleout.LocalCluster;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.chat.ChatCodec;
import org.socketlab.websocket.chat.ChatLimits;
import org.socketlab.websocket.client.WebSocketClient;
import org.socketlab.websocket.cluster.ClusterConfig;
import org.socketlab.websocket.cluster.ClusterServer;

/**
 * Lab 17 — scaling out. Guide: labs/guides/17-scaling-out.md. Two nodes in this JVM, one real
 * redis-server: chat across nodes, history without duplicates, {@code @connections} on any node
 * (the graded region of {@code ClusterConnectionDirectory}), a dead node's members expiring.
 */
@Timeout(60)
class Lab17ScalingOutGradingTest {

    private static final String GUIDE = "17-scaling-out.md";
    private static final String KEY = "socketlab-cluster-key";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private LocalCluster redis;
    private final List<ClusterServer> nodes = new ArrayList<>();

    @BeforeEach
    void startRedis() throws Exception {
        boolean present = LocalCluster.missingTools().isEmpty();
        String hint = "Lab 17 needs redis-server and haproxy: " + LocalCluster.missingTools().orElse("");
        if (!present && "true".equalsIgnoreCase(System.getenv("SOCKETLAB_REQUIRE_PEERS"))) {
            throw new AssertionError("SOCKETLAB_REQUIRE_PEERS=true but a peer is missing. " + hint);
        }
        assumeTrue(present, hint);
        redis = LocalCluster.redisOnly();
    }

    @AfterEach
    void stop() {
        nodes.forEach(node -> {
            try {
                node.close();
            } catch (RuntimeException alreadyDown) {
                // a test killed its Redis side on purpose
            }
        });
        if (redis != null) {
            redis.close();
        }
    }

    private ClusterServer node(Scenario scenario, String name) {
        return scenario.step("start node " + name + " (chat, /ws/api, @connections) on 127.0.0.1:0", () -> {
            ClusterConfig config = ClusterConfig.of("127.0.0.1", redis.redisPort()).withNodeId(name)
                    .withTtl(Duration.ofMillis(900), Duration.ofMillis(300));
            ClusterServer node = ClusterServer.start(config, "127.0.0.1", 0, KEY, List.of(), ChatLimits.defaults());
            nodes.add(node);
            return node;
        });
    }

    /** A WebSocket client whose text messages are queued. */
    private record Client(Session session, LinkedBlockingQueue<String> texts) {
        static Client connect(ClusterServer node, String path) throws Exception {
            LinkedBlockingQueue<String> texts = new LinkedBlockingQueue<>();
            Session session = WebSocketClient.connect(URI.create("ws://127.0.0.1:" + node.port() + path), new WebSocketHandler() {
                @Override
                public void onText(Session s, String text) {
                    texts.add(text);
                }
            });
            return new Client(session, texts);
        }

        JsonNode next(String type) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                String text = texts.poll(50, TimeUnit.MILLISECONDS);
                if (text != null && ChatCodec.parse(text).path("type").asText().equals(type)) {
                    return ChatCodec.parse(text);
                }
            }
            return null;
        }
    }

    @Test
    @Points(3)
    @DisplayName("A chat message said on one node reaches a member on another node")
    void chatAcrossNodes() throws Exception {
        Scenario scenario = GradingAssertions.scenario("ana on node A, bob on node B, one room", GUIDE,
                "Step 2: one message, one order");
        ClusterServer a = node(scenario, "A");
        ClusterServer b = node(scenario, "B");
        Client ana = scenario.step("ana joins room r on A", () -> join(a, "ana"));
        Client bob = scenario.step("bob joins room r on B", () -> join(b, "bob"));
        scenario.step("ana says hi", () -> ana.session().sendText("{\"type\":\"message\",\"text\":\"hi\"}"));
        JsonNode got = scenario.step("bob waits for a message", () -> bob.next("message"));
        scenario.expectTrue("bob received ana's message", got != null && got.path("text").asText().equals("hi"),
                "a message must be published on the room's channel so that every node delivers it to its members");
        scenario.expectEquals("its id", 1L, got.path("id").asLong(), "the room's ids come from Redis (INCR), shared by all nodes");
    }

    private static Client join(ClusterServer node, String nick) throws Exception {
        Client client = Client.connect(node, "/ws/chat");
        client.session().sendText("{\"type\":\"join\",\"room\":\"r\",\"nick\":\"" + nick + "\"}");
        if (client.next("welcome") == null) {
            throw new AssertionError(nick + " got no welcome within " + WAIT);
        }
        return client;
    }

    @Test
    @Points(2)
    @DisplayName("A member joining on another node gets the history, then each new message exactly once")
    void historyThenLiveOnce() throws Exception {
        Scenario scenario = GradingAssertions.scenario("two messages on A, carol joins on B, a third message", GUIDE,
                "Step 3: history without gaps or duplicates");
        ClusterServer a = node(scenario, "A");
        ClusterServer b = node(scenario, "B");
        Client ana = scenario.step("ana joins on A", () -> join(a, "ana"));
        scenario.step("ana says one, two", () -> {
            ana.session().sendText("{\"type\":\"message\",\"text\":\"one\"}");
            ana.session().sendText("{\"type\":\"message\",\"text\":\"two\"}");
            ana.next("message");
            ana.next("message");
        });
        Client carol = Client.connect(b, "/ws/chat");
        carol.session().sendText("{\"type\":\"join\",\"room\":\"r\",\"nick\":\"carol\"}");
        JsonNode history = scenario.step("carol joins on B and reads her history", () -> carol.next("history"));
        scenario.expectEquals("history size", 2, history == null ? -1 : history.path("messages").size(),
                "the history lives in Redis (a list), so every node serves the same one");
        ana.session().sendText("{\"type\":\"message\",\"text\":\"three\"}");
        List<String> messages = new ArrayList<>();
        scenario.step("collect carol's live messages for a second", () -> {
            long end = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() < end) {
                String text = carol.texts().poll(50, TimeUnit.MILLISECONDS);
                if (text != null && ChatCodec.parse(text).path("type").asText().equals("message")) {
                    messages.add(ChatCodec.parse(text).path("text").asText());
                }
            }
        });
        scenario.expectEquals("carol's live messages", List.of("three"), messages,
                "messages already in the history must not be delivered again live");
    }

    @Test
    @Points(3)
    @DisplayName("POST /@connections/{id} on any node reaches the connection; 410 once its node is gone")
    void connectionsOnAnyNode() throws Exception {
        Scenario scenario = GradingAssertions.scenario("a connection on A, POST on B; then A's Redis side dies", GUIDE,
                "Step 4: @connections on any node");
        ClusterServer a = node(scenario, "A");
        ClusterServer b = node(scenario, "B");
        Client client = scenario.step("connect to A's /ws/api and ask whoami", () -> {
            Client c = Client.connect(a, "/ws/api");
            c.session().sendText("{\"action\":\"whoami\"}");
            return c;
        });
        String reply = client.texts().poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        String id = ChatCodec.parse(reply).path("connectionId").asText();
        int first = scenario.step("POST to /@connections/" + id + " on B", () -> post(b, id));
        scenario.expectEquals("status of the POST on B", 200, first, "B must find the connection in Redis and publish to A's channel");
        scenario.expectEquals("what the client received", "hello", client.texts().poll(WAIT.toSeconds(), TimeUnit.SECONDS),
                "A delivers what it receives on its channel to its own connection");
        scenario.step("A's Redis side dies (no heartbeat, no subscriber)", () -> a.node().close());
        int second = scenario.step("POST again on B", () -> post(b, id));
        scenario.expectEquals("status once A is gone", 410, second,
                "PUBLISH returns how many subscribers got it: 0 means nobody holds the connection any more");
    }

    private static int post(ClusterServer node, String id) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port()
                        + "/@connections/" + id)).header("x-api-key", KEY).POST(HttpRequest.BodyPublishers.ofString("hello"))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    @Points(2)
    @DisplayName("The members of a node that stopped its heartbeat leave the presence list after the TTL")
    void deadNodeExpires() throws Exception {
        Scenario scenario = GradingAssertions.scenario("ana on A, bob on B; A stops beating", GUIDE,
                "Step 5: heartbeats and TTL");
        ClusterServer a = node(scenario, "A");
        ClusterServer b = node(scenario, "B");
        join(a, "ana");
        Client bob = scenario.step("bob joins on B", () -> join(b, "bob"));
        scenario.step("A's heartbeat stops", () -> a.node().close());
        JsonNode presence = scenario.step("bob waits for a presence without ana", () -> {
            JsonNode event;
            do {
                event = bob.next("presence");
            } while (event != null && event.path("nicks").size() != 1);
            return event;
        });
        scenario.expectTrue("bob saw ana leave", presence != null && "ana".equals(presence.path("left").asText()),
                "a live node's heartbeat removes members whose entries expired and publishes the new presence");
    }
}
