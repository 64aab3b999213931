package org.socketlab.websocket.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The Java form of {@code @connections}: post, info, disconnect, activity times. */
class ConnectionManagerTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-23T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final ConnectionManager connections = new ConnectionManager(clock);
    private final FakeSession a = new FakeSession();
    private final FakeSession b = new FakeSession();

    @Test
    void postAndTouch_moveLastActiveAt_butNotConnectedAt() {
        connections.register("a", a, "ua");
        Instant connectedAt = clock.instant();
        clock.advance(Duration.ofSeconds(5));
        assertThat(connections.post("a", "hello")).isTrue();
        ConnectionInfo afterPost = connections.info("a").orElseThrow();
        assertThat(afterPost.connectedAt()).isEqualTo(connectedAt);
        assertThat(afterPost.lastActiveAt()).isEqualTo(connectedAt.plusSeconds(5));
        clock.advance(Duration.ofSeconds(7));
        connections.touch("a");
        assertThat(connections.info("a").orElseThrow().lastActiveAt()).isEqualTo(connectedAt.plusSeconds(12));
    }

    @Test
    void broadcast_reachesEveryOpenConnection() {
        connections.register("a", a, "");
        connections.register("b", b, "");
        b.close(1000, "");
        assertThat(connections.broadcast("news")).isEqualTo(1);
        assertThat(a.sent).containsExactly("news");
        assertThat(b.sent).isEmpty();
    }

    @Test
    void aMemberWhoseBacklogWouldPassTheCap_isClosedWith1013_whileTheOthersGetEveryBroadcast() {
        ConnectionManager capped = new ConnectionManager(clock, 100);
        a.holdWrites = true; // a reads nothing: its sends are never written
        capped.register("a", a, "");
        capped.register("b", b, "");
        String forty = "x".repeat(40);
        assertThat(capped.broadcast(forty)).isEqualTo(2); // a's backlog: 40 bytes
        assertThat(capped.broadcast(forty)).isEqualTo(2); // 80
        assertThat(a.closedWith).isNull();
        assertThat(capped.broadcast(forty)).as("120 would pass the cap of 100").isEqualTo(1);
        assertThat(a.closedWith).as("close code for a slow consumer").isEqualTo(1013);
        assertThat(b.sent).hasSize(3);
    }

    @Test
    void writtenBytesLeaveTheBacklog_andOneMessageOverTheCapStillGoesToAnIdleConnection() {
        ConnectionManager capped = new ConnectionManager(clock, 100);
        a.holdWrites = true;
        capped.register("a", a, "");
        assertThat(capped.post("a", "y".repeat(150))).as("alone, a message larger than the cap is admitted").isTrue();
        a.held.get(0).complete(null); // written to the socket
        assertThat(capped.post("a", "y".repeat(60))).isTrue();
        assertThat(capped.post("a", "y".repeat(30))).isTrue();
        a.held.get(1).completeExceptionally(new IllegalStateException("connection failed")); // dropped: also gone
        assertThat(capped.post("a", "y".repeat(60))).as("30 + 60 fit in 100").isTrue();
        assertThat(a.closedWith).isNull();
    }

    @Test
    void utf8Length_countsBytesNotChars() {
        assertThat(ConnectionManager.utf8Length("a\u00e9\u20ac\ud83d\ude00")).isEqualTo(1 + 2 + 3 + 4);
        assertThat(ConnectionManager.utf8Length("\ud83d")).as("a lone surrogate is counted at its worst, 3 bytes").isEqualTo(3);
    }

    @Test
    void binaryPost_sendsTheBytes() {
        connections.register("a", a, "");
        assertThat(connections.post("a", ByteBuffer.wrap(new byte[] {1, 2, 3}))).isTrue();
        assertThat(a.sent).singleElement().isEqualTo(new byte[] {1, 2, 3});
    }

    @Test
    void unregistered_isGoneEverywhere() {
        connections.register("a", a, "");
        connections.unregister("a");
        assertThat(connections.post("a", "x")).isFalse();
        assertThat(connections.info("a")).isEmpty();
        assertThat(connections.disconnect("a")).isFalse();
        assertThat(connections.connectionIds()).isEmpty();
        assertThat(connections.post(null, "x")).isFalse();
    }

    @Test
    void idsAreRandomUrlSafe_andDistinct() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = ConnectionIds.next();
            assertThat(id).matches("[A-Za-z0-9_-]{16}");
            ids.add(id);
        }
        assertThat(ids).hasSize(1000);
    }
}
