package org.socketlab.websocket.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socketlab.websocket.cluster.ClusterChatRooms;
import org.socketlab.websocket.cluster.ClusterNode;
import org.socketlab.websocket.testing.RedisFixture;

/**
 * The chat across two server processes sharing one Redis: one presence list, one history, every
 * message once and in one order on both nodes; a node that stops beating loses its members.
 */
@Timeout(60)
class ClusterChatTest {

    @RegisterExtension
    static final RedisFixture REDIS = new RedisFixture();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private ClusterNode nodeA;
    private ChatServer serverA;
    private ChatServer serverB;


    @BeforeEach
    void startNodes() throws Exception {
        nodeA = node("chat-a");
        serverA = server(nodeA);
        serverB = server(node("chat-b"));
    }

    private ClusterNode node(String id) throws InterruptedException {
        ClusterNode node = ClusterNode.connect(REDIS.config(id));
        resources.add(node);
        return node;
    }

    private ChatServer server(ClusterNode node) throws Exception {
        // A high rate limit: one test joins while a member posts as fast as it can.
        ChatLimits limits = ChatLimits.defaults().withRate(10_000, Duration.ofNanos(1));
        ChatServer server = ChatServer.builder().limits(limits).backend(new ClusterChatRooms(node, limits)).start();
        resources.add(0, server); // stopped before its node
        return server;
    }

    private ChatTestClient client(ChatServer server) throws Exception {
        ChatTestClient client = ChatTestClient.connect(server);
        resources.add(0, client);
        return client;
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void membersOnTwoNodesShareOnePresenceListAndEveryMessage() throws Exception {
        ChatTestClient ana = client(serverA);
        ChatTestClient bob = client(serverB);
        ana.join("shared", "ana");
        ana.presence("ana");
        assertThat(bob.join("shared", "bob").path("nick").asText()).isEqualTo("bob");
        bob.presence("ana", "bob");
        ana.presence("ana", "bob");

        ana.say("hello from A");
        bob.say("hello from B");

        for (ChatTestClient member : List.of(ana, bob)) {
            JsonNode first = member.next("message");
            JsonNode second = member.next("message");
            assertThat(List.of(first.path("id").asLong(), second.path("id").asLong())).as("ids, one order for all").containsExactly(1L, 2L);
            assertThat(List.of(first.path("text").asText(), second.path("text").asText()))
                    .as("the same order on both nodes").isEqualTo(List.of(texts(ana, bob)));
        }
    }

    /** What ana saw, in order: both members must have seen exactly this. */
    private static String[] texts(ChatTestClient ana, ChatTestClient bob) {
        List<String> seen = new ArrayList<>();
        ana.seen().stream().filter(e -> e.path("type").asText().equals("message")).forEach(e -> seen.add(e.path("text").asText()));
        return seen.toArray(String[]::new);
    }

    @Test
    void aLateJoinerOnTheOtherNodeGetsTheHistoryThenEachNewMessageOnce() throws Exception {
        ChatTestClient ana = client(serverA);
        ana.join("late", "ana");
        ana.say("one");
        ana.say("two");
        ana.next("message");
        ana.next("message");

        ChatTestClient carol = client(serverB);
        carol.join("late", "carol");
        JsonNode history = carol.next("history");
        assertThat(history.path("messages")).extracting(m -> m.path("text").asText()).containsExactly("one", "two");
        ana.say("three");
        JsonNode live = carol.next("message");
        assertThat(live.path("text").asText()).isEqualTo("three");
        assertThat(live.path("id").asLong()).isEqualTo(3);
        // Presence travels on its own channel: it may arrive before or after "three" (waited for with a deadline).
        if (carol.seen().stream().noneMatch(e -> e.path("type").asText().equals("presence")
                && e.path("nicks").toString().equals("[\"ana\",\"carol\"]"))) {
            carol.presence("ana", "carol");
        }
        ana.next("message"); // once ana has "three", carol's copy (same Redis delivery) came before any duplicate could
        List<JsonNode> everything = new ArrayList<>(carol.seen());
        everything.addAll(carol.drain());
        assertThat(everything).as("carol's live messages: only three, no second copy of one, two or three")
                .filteredOn(e -> e.path("type").asText().equals("message"))
                .extracting(e -> e.path("text").asText()).containsExactly("three");
    }

    /**
     * The race the join's snapshot guards: messages published while carol joins are either in her
     * history or delivered live afterwards, never both and never neither.
     */
    @Test
    void joiningWhileMessagesFlow_historyAndLiveMessagesJoinWithoutGapOrDuplicate() throws Exception {
        ChatTestClient ana = client(serverA);
        ana.join("race", "ana");
        int total = 400;
        Thread sender = Thread.ofVirtual().start(() -> {
            for (int k = 1; k <= total; k++) {
                ana.say("n" + k);
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // the load's pace: ~1 message/ms
            }
        });
        for (int k = 0; k < 100; k++) {
            ana.next("message"); // carol joins in the middle of the flow
        }
        ChatTestClient carol = client(serverB);
        carol.join("race", "carol");
        List<Long> ids = new ArrayList<>();
        carol.next("history").path("messages").forEach(m -> ids.add(m.path("id").asLong()));
        sender.join();
        while (ids.isEmpty() || ids.get(ids.size() - 1) < total) {
            ids.add(carol.next("message").path("id").asLong());
        }
        List<Long> expected = new ArrayList<>();
        for (long id = ids.get(0); id <= total; id++) {
            expected.add(id);
        }
        assertThat(ids).as("history ids then live ids, as carol received them").isEqualTo(expected);
    }

    @Test
    void aNicknameTakenOnAnotherNodeGetsASuffix() throws Exception {
        client(serverA).join("nicks", "ana");
        assertThat(client(serverB).join("nicks", "ana").path("nick").asText()).isEqualTo("ana-2");
    }

    @Test
    void theMembersOfANodeThatStoppedBeatingLeaveThePresenceAfterTheTtl() throws Exception {
        ChatTestClient ana = client(serverA);
        ChatTestClient bob = client(serverB);
        ana.join("crash", "ana");
        bob.join("crash", "bob");
        bob.presence("ana", "bob");

        nodeA.close(); // A's heartbeat stops as when the process dies; its sessions stay connected meanwhile

        JsonNode presence = bob.presence("bob");
        assertThat(presence.path("left").asText()).isEqualTo("ana");
    }
}
