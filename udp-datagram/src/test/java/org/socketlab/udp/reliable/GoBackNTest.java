package org.socketlab.udp.reliable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socketlab.udp.reliable.HandDriven.MS;
import static org.socketlab.udp.reliable.HandDriven.bytes;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Go-Back-N driven by hand: window of 3, 1-byte segments, RTO 100 ms. */
class GoBackNTest {
    private static final ReliabilityConfig CONFIG = HandDriven.WINDOW_OF_3;

    @Nested
    class Sender {
        @Test
        void cumulativeAckSlidesTheWindowPastEverythingItCovers() {
            GoBackNSender sender = new GoBackNSender(bytes("abcde"), CONFIG, 0);
            assertThat(sender.pollOutgoing()).hasSize(3);
            sender.onSegment(Segment.ack(2), 10 * MS); // "send me 2 next": 0 and 1 arrived
            assertThat(sender.pollOutgoing()).containsExactly(Segment.data(3, bytes("d")), Segment.data(4, bytes("e")));
        }

        @Test
        void timeoutResendsTheWholeWindow() {
            GoBackNSender sender = new GoBackNSender(bytes("abcde"), CONFIG, 0);
            sender.pollOutgoing();
            sender.onSegment(Segment.ack(1), 10 * MS);
            sender.pollOutgoing(); // segment 3 joined the window
            sender.tick(sender.nextDeadlineNanos());
            assertThat(sender.pollOutgoing()).containsExactly(
                    Segment.data(1, bytes("b")), Segment.data(2, bytes("c")), Segment.data(3, bytes("d")));
            assertThat(sender.stats().retransmissions()).isEqualTo(3);
        }

        @Test
        void repeatedCumulativeAckIsNoProgress() {
            GoBackNSender sender = new GoBackNSender(bytes("abcde"), CONFIG, 0);
            sender.pollOutgoing();
            sender.onSegment(Segment.ack(1), MS);
            sender.onSegment(Segment.ack(1), MS);
            sender.onSegment(Segment.ack(0), MS);
            assertThat(sender.stats().duplicateAcks()).isEqualTo(2);
        }
    }

    @Nested
    class Receiver {
        @Test
        void acceptsOnlyTheNextSegmentAndAcknowledgesCumulatively() {
            GoBackNReceiver receiver = new GoBackNReceiver(CONFIG);
            receiver.onSegment(Segment.data(1, bytes("b")), 0); // early: discarded
            receiver.onSegment(Segment.data(0, bytes("a")), 0);
            receiver.onSegment(Segment.data(0, bytes("a")), 0); // duplicate
            assertThat(receiver.pollOutgoing()).containsExactly(Segment.ack(0), Segment.ack(1), Segment.ack(1));
            assertThat(receiver.received()).isEqualTo(bytes("a"));
            assertThat(receiver.stats().outsideWindow()).isEqualTo(1);
            assertThat(receiver.stats().duplicatesReceived()).isEqualTo(1);
        }

        @Test
        void finishesOnAnInOrderFin() {
            GoBackNReceiver receiver = new GoBackNReceiver(CONFIG);
            receiver.onSegment(Segment.data(0, bytes("a")), 0);
            receiver.onSegment(Segment.fin(1), 0);
            assertThat(receiver.isFinished()).isTrue();
            assertThat(receiver.pollOutgoing()).last().isEqualTo(Segment.ack(2));
        }
    }
}
