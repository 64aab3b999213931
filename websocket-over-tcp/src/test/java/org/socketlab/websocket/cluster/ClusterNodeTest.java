package org.socketlab.websocket.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socketlab.websocket.testing.RedisFixture;

/** The cluster's building blocks against a real redis-server: pub/sub between nodes, TTL registry. */
@Timeout(60)
class ClusterNodeTest {

    @RegisterExtension
    static final RedisFixture REDIS = new RedisFixture();


    private static ClusterConfig config(String nodeId) {
        return REDIS.config(nodeId);
    }

    @Test
    void aMessagePublishedByOneNodeReachesTheSubscribersOfEveryNode() throws Exception {
        try (ClusterNode a = ClusterNode.connect(config("bus-a")); ClusterNode b = ClusterNode.connect(config("bus-b"))) {
            LinkedBlockingQueue<String> seenByA = new LinkedBlockingQueue<>();
            LinkedBlockingQueue<String> seenByB = new LinkedBlockingQueue<>();
            a.bus().psubscribe("test:room:*", (channel, payload) -> seenByA.add(channel + "=" + new String(payload, StandardCharsets.UTF_8)))
                    .get(5, TimeUnit.SECONDS);
            b.bus().subscribe("test:room:1", (channel, payload) -> seenByB.add(channel + "=" + new String(payload, StandardCharsets.UTF_8)))
                    .get(5, TimeUnit.SECONDS);

            long receivers = a.bus().publish("test:room:1", "hello");

            assertThat(receivers).as("subscribers that got the message (a by pattern, b by channel)").isEqualTo(2);
            assertThat(seenByA.poll(5, TimeUnit.SECONDS)).isEqualTo("test:room:1=hello");
            assertThat(seenByB.poll(5, TimeUnit.SECONDS)).isEqualTo("test:room:1=hello");
        }
    }

    @Test
    void aLiveNodesConnectionOutlivesTheTtl_aDeadNodesExpires() throws Exception {
        try (ClusterNode reader = ClusterNode.connect(config("reader"))) {
            ConnectionRegistry readerView = new ConnectionRegistry(reader);
            ClusterNode owner = ClusterNode.connect(config("owner"));
            ConnectionRegistry registry = new ConnectionRegistry(owner);
            registry.register("conn-1", Map.of("sourceIp", "127.0.0.1"));

            long liveUntil = System.nanoTime() + Duration.ofMillis(2000).toNanos(); // > 2 TTLs of heartbeats
            while (System.nanoTime() < liveUntil) {
                assertThat(readerView.locate("conn-1")).as("entry of a live node at every check").isPresent()
                        .get().extracting(ConnectionRegistry.Entry::nodeId).isEqualTo("owner");
                Thread.sleep(100); // sampling the registry over time, not synchronising
            }
            assertThat(reader.isAlive("owner")).isTrue();

            owner.close(); // the heartbeat stops, as when the process dies; its entries stay until the TTL

            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (readerView.locate("conn-1").isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(readerView.locate("conn-1")).as("entry of a node that stopped beating, after its TTL").isEmpty();
        }
    }
}
