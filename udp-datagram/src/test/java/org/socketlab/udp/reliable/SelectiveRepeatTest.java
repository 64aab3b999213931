package org.socketlab.udp.reliable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socketlab.udp.reliable.HandDriven.MS;
import static org.socketlab.udp.reliable.HandDriven.bytes;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Selective repeat driven by hand: window of 3, 1-byte segments, RTO 100 ms. */
class SelectiveRepeatTest {
    private static final ReliabilityConfig CONFIG = HandDriven.WINDOW_OF_3;

    @Nested
    class Sender {
        @Test
        void fillsTheWindowAtOnce() {
            SelectiveRepeatSender sender = new SelectiveRepeatSender(bytes("abcde"), CONFIG, 0);
            assertThat(sender.pollOutgoing()).containsExactly(
                    Segment.data(0, bytes("a")), Segment.data(1, bytes("b")), Segment.data(2, bytes("c")));
        }

        @Test
        void ackOfALaterSegmentDoesNotSlideTheWindow_ackOfTheOldestDoes() {
            SelectiveRepeatSender sender = new SelectiveRepeatSender(bytes("abcde"), CONFIG, 0);
            sender.pollOutgoing();
            sender.onSegment(Segment.ack(1), 10 * MS);
            assertThat(sender.pollOutgoing()).isEmpty();
            sender.onSegment(Segment.ack(0), 11 * MS);
            // base moves past 0 and 1, so two new segments fit: 3 and 4.
            assertThat(sender.pollOutgoing()).containsExactly(Segment.data(3, bytes("d")), Segment.data(4, bytes("e")));
        }

        @Test
        void timeoutRetransmitsOnlyTheUnacknowledgedSegment() {
            SelectiveRepeatSender sender = new SelectiveRepeatSender(bytes("abc"), CONFIG, 0);
            sender.pollOutgoing();
            sender.onSegment(Segment.ack(0), 10 * MS);
            sender.onSegment(Segment.ack(2), 10 * MS);
            sender.pollOutgoing(); // the FIN (index 3) entered the window
            sender.onSegment(Segment.ack(3), 10 * MS);
            sender.tick(100 * MS);
            assertThat(sender.pollOutgoing()).containsExactly(Segment.data(1, bytes("b")));
            assertThat(sender.stats().retransmissions()).isEqualTo(1);
        }

        @Test
        void duplicateAndUnknownAcksAreCountedAndIgnored() {
            SelectiveRepeatSender sender = new SelectiveRepeatSender(bytes("abcde"), CONFIG, 0);
            sender.pollOutgoing();
            sender.onSegment(Segment.ack(0), MS);
            sender.onSegment(Segment.ack(0), MS);
            sender.onSegment(Segment.ack(99), MS);
            assertThat(sender.stats().duplicateAcks()).isEqualTo(2);
        }

        @Test
        void retransmittedSegmentsAreNotRttSamples_karn() {
            SelectiveRepeatSender sender = new SelectiveRepeatSender(bytes("a"), CONFIG, 0);
            sender.pollOutgoing();
            sender.tick(100 * MS); // retransmit, RTO doubles to 200 ms
            sender.onSegment(Segment.ack(0), 101 * MS); // ambiguous: for the first or second send?
            // A sample of 101 ms would give 101 + 4·50.5 = 303 ms; of 1 ms, the 10 ms floor. Neither is
            // taken: the backoff ends (progress was made) and the RTO returns to its estimate, 100 ms.
            assertThat(sender.stats().finalRtoNanos()).isEqualTo(100 * MS);
        }
    }

    @Nested
    class Receiver {
        @Test
        void buffersOutOfOrderSegmentsAndDeliversWhenTheGapFills() {
            SelectiveRepeatReceiver receiver = new SelectiveRepeatReceiver(CONFIG);
            receiver.onSegment(Segment.data(1, bytes("b")), 0);
            receiver.onSegment(Segment.data(2, bytes("c")), 0);
            assertThat(receiver.received()).isEmpty();
            receiver.onSegment(Segment.data(0, bytes("a")), 0);
            assertThat(receiver.received()).isEqualTo(bytes("abc"));
            assertThat(receiver.pollOutgoing()).containsExactly(Segment.ack(1), Segment.ack(2), Segment.ack(0));
        }

        @Test
        void segmentBeyondTheWindowIsDroppedWithoutAck() {
            SelectiveRepeatReceiver receiver = new SelectiveRepeatReceiver(CONFIG);
            receiver.onSegment(Segment.data(3, bytes("d")), 0);
            assertThat(receiver.pollOutgoing()).isEmpty();
            assertThat(receiver.stats().outsideWindow()).isEqualTo(1);
        }

        @Test
        void oldDuplicateIsAcknowledgedAgain() {
            SelectiveRepeatReceiver receiver = new SelectiveRepeatReceiver(CONFIG);
            receiver.onSegment(Segment.data(0, bytes("a")), 0);
            receiver.onSegment(Segment.data(0, bytes("a")), 0);
            assertThat(receiver.pollOutgoing()).containsExactly(Segment.ack(0), Segment.ack(0));
            assertThat(receiver.stats().duplicatesReceived()).isEqualTo(1);
            assertThat(receiver.received()).isEqualTo(bytes("a"));
        }

        @Test
        void finishesWhenTheFinIsDeliveredInOrder() {
            SelectiveRepeatReceiver receiver = new SelectiveRepeatReceiver(CONFIG);
            receiver.onSegment(Segment.fin(1), 0);
            assertThat(receiver.isFinished()).isFalse();
            receiver.onSegment(Segment.data(0, bytes("a")), 0);
            assertThat(receiver.isFinished()).isTrue();
            receiver.onSegment(Segment.fin(1), 0); // retransmitted FIN: our ACK was lost
            assertThat(receiver.pollOutgoing()).hasSize(3);
        }

        @Test
        void sequenceNumbersAreRelativeToTheIsnAcrossTheWrap() {
            SelectiveRepeatReceiver receiver = new SelectiveRepeatReceiver(CONFIG.withInitialSequenceNumber(-1));
            receiver.onSegment(Segment.data(0, bytes("b")), 0);  // index 1: after the wrap
            receiver.onSegment(Segment.data(-1, bytes("a")), 0); // index 0: seq 2^32 − 1
            assertThat(receiver.received()).isEqualTo(bytes("ab"));
        }
    }
}
