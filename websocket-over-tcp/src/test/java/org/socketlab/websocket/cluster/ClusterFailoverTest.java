package org.socketlab.websocket.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.chat.ChatCodec;
import org.socketlab.websocket.client.Backoff;
import org.socketlab.websocket.client.ClientOptions;
import org.socketlab.websocket.client.ReconnectingClient;
import org.socketlab.websocket.client.WebSocketClient;
import org.socketlab.websocket.testing.HaProxy;
import org.socketlab.websocket.testing.PeerProcess;
import org.socketlab.websocket.testing.RedisServer;
import org.socketlab.websocket.testing.TestProcesses;

/**
 * Failover: two node processes behind HAProxy, six chat clients spread over them by round
 * robin, a sender on node 2 posting {@value #MESSAGES} numbered messages. Node 1 is killed
 * (SIGKILL) a third of the way through. Its clients reconnect through HAProxy (exponential
 * backoff) to node 2 and join again; the clients that stayed connected receive every message
 * exactly once; the presence list recovers; the messages the moved clients never saw (neither
 * live nor in the history they got on rejoining) are counted and printed.
 */
@Timeout(120)
class ClusterFailoverTest {

    private static final int MESSAGES = 150;
    private static final int CLIENTS = 6;

    /** One chat participant: what it received, per connection. */
    static final class Participant implements WebSocketHandler {
        final String nick;
        final List<List<Long>> liveIdsPerConnection = new CopyOnWriteArrayList<>();
        final Set<Long> everSeen = ConcurrentHashMap.newKeySet();
        volatile JsonNode lastPresence;

        Participant(String nick) {
            this.nick = nick;
        }

        @Override
        public void onOpen(Session session) {
            liveIdsPerConnection.add(new CopyOnWriteArrayList<>());
            session.sendText("{\"type\":\"join\",\"room\":\"failover\",\"nick\":\"" + nick + "\"}");
        }

        @Override
        public void onText(Session session, String text) {
            JsonNode event = ChatCodec.parse(text);
            switch (event.path("type").asText()) {
                case "message" -> {
                    long id = event.path("id").asLong();
                    liveIdsPerConnection.get(liveIdsPerConnection.size() - 1).add(id);
                    everSeen.add(id);
                }
                case "history" -> event.path("messages").forEach(m -> everSeen.add(m.path("id").asLong()));
                case "presence" -> lastPresence = event;
                default -> { }
            }
        }
    }

    @Test
    void killingANodeMovesItsClients_theOthersMissNothingAndGetNothingTwice() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            int port1 = RedisServer.freeLoopbackPort();
            int port2 = RedisServer.freeLoopbackPort();
            try (PeerProcess node1 = startNode(redis, "node1", port1); PeerProcess node2 = startNode(redis, "node2", port2)) {
                node1.awaitLine(l -> l.startsWith("listening on"), Duration.ofSeconds(60));
                node2.awaitLine(l -> l.startsWith("listening on"), Duration.ofSeconds(60));
                int front = RedisServer.freeLoopbackPort();
                Map<String, Integer> nodes = new LinkedHashMap<>();
                nodes.put("node1", port1);
                nodes.put("node2", port2);
                try (HaProxy haproxy = HaProxy.start(HaProxyConfig.render(front, RedisServer.freeLoopbackPort(), nodes), front)) {
                    run(node1, port2, front);
                }
            }
        }
    }

    private static PeerProcess startNode(RedisServer redis, String id, int port) throws Exception {
        return TestProcesses.java(ClusterServer.class, "--port", Integer.toString(port), "--redis-port",
                Integer.toString(redis.port()), "--node-id", id, "--ttl-ms", "1500", "--chat-rate", "100");
    }

    private void run(PeerProcess node1, int port2, int front) throws Exception {
        ClientOptions options = ClientOptions.defaults().reconnect(Backoff.exponential()
                .withInitialDelay(Duration.ofMillis(100)).withMaxDelay(Duration.ofSeconds(1)).withMaxAttempts(20));
        List<Participant> participants = new ArrayList<>();
        List<ReconnectingClient> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Participant participant = new Participant("c" + i);
            participants.add(participant);
            clients.add(ReconnectingClient.start(URI.create("ws://127.0.0.1:" + front + "/ws/chat"), participant, options));
        }
        awaitPresenceOf(participants, CLIENTS);

        Participant senderView = new Participant("sender");
        Session sender = WebSocketClient.connect(URI.create("ws://127.0.0.1:" + port2 + "/ws/chat"), senderView);
        awaitPresenceOf(participants, CLIENTS + 1);
        long killedAtNanos = 0;
        for (int k = 1; k <= MESSAGES; k++) {
            sender.sendText("{\"type\":\"message\",\"text\":\"m" + k + "\"}");
            if (k == MESSAGES / 3) {
                killedAtNanos = System.nanoTime();
                Runtime.getRuntime().exec(new String[] {"kill", "-9", Long.toString(node1.pid())}).waitFor();
            }
            Thread.sleep(20); // the load's pace (50 messages/s), not synchronisation
        }
        awaitEveryoneHas(participants, senderView);
        long lastId = senderView.liveIdsPerConnection.get(0).get(senderView.liveIdsPerConnection.get(0).size() - 1);
        long firstId = lastId - MESSAGES + 1;

        StringBuilder report = new StringBuilder("failover report (" + MESSAGES + " messages at 50/s, node1 killed after "
                + MESSAGES / 3 + "):\n");
        int moved = 0;
        for (Participant participant : participants) {
            int connections = participant.liveIdsPerConnection.size();
            List<Long> live = new ArrayList<>();
            participant.liveIdsPerConnection.forEach(live::addAll);
            Set<Long> lost = new TreeSet<>();
            for (long id = firstId; id <= lastId; id++) {
                if (!participant.everSeen.contains(id)) {
                    lost.add(id);
                }
            }
            report.append(String.format("  %-3s connections=%d live=%d lost=%d %s%n", participant.nick, connections,
                    live.size(), lost.size(), lost.isEmpty() ? "" : lost));
            if (connections == 1) {
                assertThat(live).as(participant.nick + " stayed connected: every message once, in order")
                        .isEqualTo(range(firstId, lastId));
            } else {
                moved++;
                assertThat(participant.liveIdsPerConnection.get(connections - 1)).as(participant.nick
                        + "'s messages on its new connection, no duplicate").doesNotHaveDuplicates();
            }
        }
        System.out.println(report);
        assertThat(moved).as("clients that were on node1 and reconnected through HAProxy\n" + report).isBetween(1, CLIENTS - 1);
        // The dead node's members expire (TTL 1.5 s); the moved clients are members again under their new connection.
        awaitPresenceOf(participants, CLIENTS + 1);
        System.out.println("failover: node1 killed " + (System.nanoTime() - killedAtNanos) / 1_000_000 + " ms before the end");
        sender.close(1000, "done");
        clients.forEach(ReconnectingClient::close);
    }

    private static List<Long> range(long from, long to) {
        List<Long> ids = new ArrayList<>();
        for (long id = from; id <= to; id++) {
            ids.add(id);
        }
        return ids;
    }

    private static void awaitPresenceOf(List<Participant> participants, int members) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (participants.stream().allMatch(p -> p.lastPresence != null && p.lastPresence.path("nicks").size() == members)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("expected every participant's latest presence to list " + members + " members; got "
                + participants.stream().map(p -> p.nick + "=" + p.lastPresence).toList());
    }

    private static void awaitEveryoneHas(List<Participant> participants, Participant sender) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            List<Long> senderIds = sender.liveIdsPerConnection.get(0);
            if (senderIds.size() >= MESSAGES) {
                long last = senderIds.get(senderIds.size() - 1);
                if (participants.stream().allMatch(p -> p.everSeen.contains(last))) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not every participant received the last message within 30 s");
    }
}
