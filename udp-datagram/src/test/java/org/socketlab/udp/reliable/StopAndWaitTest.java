package org.socketlab.udp.reliable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socketlab.udp.reliable.HandDriven.MS;
import static org.socketlab.udp.reliable.HandDriven.bytes;
import static org.socketlab.udp.reliable.HandDriven.text;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Stop-and-wait driven by hand, step by step, with time passed in. */
class StopAndWaitTest {
    private static final ReliabilityConfig CONFIG = HandDriven.RTO_100_MS.withSegmentSize(2);

    @Nested
    class Sender {
        @Test
        void sendsTheFirstSegmentAtOnceAndArmsTheTimer() {
            StopAndWaitSender sender = new StopAndWaitSender(bytes("abcd"), CONFIG, SequenceSpace.ALTERNATING_BIT, 0);
            assertThat(sender.pollOutgoing()).containsExactly(Segment.data(0, bytes("ab")));
            assertThat(sender.nextDeadlineNanos()).isEqualTo(100 * MS);
        }

        @Test
        void timeoutRetransmitsTheSameSegmentWithADoubledRto() {
            StopAndWaitSender sender = new StopAndWaitSender(bytes("abcd"), CONFIG, SequenceSpace.ALTERNATING_BIT, 0);
            sender.pollOutgoing();
            sender.tick(99 * MS);
            assertThat(sender.pollOutgoing()).isEmpty();
            sender.tick(100 * MS);
            assertThat(sender.pollOutgoing()).containsExactly(Segment.data(0, bytes("ab")));
            assertThat(sender.nextDeadlineNanos()).isEqualTo(300 * MS); // 100 + 2·100 (RFC 6298 §5.5)
            assertThat(sender.stats().retransmissions()).isEqualTo(1);
        }

        @Test
        void ackForTheOtherBitIsIgnored_ackForThisBitAdvances() {
            StopAndWaitSender sender = new StopAndWaitSender(bytes("abcd"), CONFIG, SequenceSpace.ALTERNATING_BIT, 0);
            sender.pollOutgoing();
            sender.onSegment(Segment.ack(1), 5 * MS);
            assertThat(sender.pollOutgoing()).isEmpty();
            sender.onSegment(Segment.ack(0), 6 * MS);
            assertThat(sender.pollOutgoing()).containsExactly(Segment.data(1, bytes("cd")));
            sender.onSegment(Segment.ack(1), 7 * MS);
            assertThat(sender.pollOutgoing()).containsExactly(Segment.fin(0));
            sender.onSegment(Segment.ack(0), 8 * MS);
            assertThat(sender.isFinished()).isTrue();
            assertThat(sender.failure()).isEmpty();
            assertThat(sender.stats().duplicateAcks()).isEqualTo(1);
        }

        @Test
        void givesUpAfterTheRetransmissionBudget() {
            StopAndWaitSender sender = new StopAndWaitSender(bytes("ab"), CONFIG.withMaxRetransmissions(2),
                    SequenceSpace.WIDE, 0);
            for (int i = 0; i < 3; i++) {
                sender.tick(sender.nextDeadlineNanos());
            }
            assertThat(sender.isFinished()).isTrue();
            assertThat(sender.failure()).hasValueSatisfying(reason -> assertThat(reason)
                    .contains("retransmitted 2 times without an acknowledgement; the limit is 2"));
        }
    }

    @Nested
    class Receiver {
        @Test
        void deliversInOrderAndAcknowledgesEachBit() {
            StopAndWaitReceiver receiver = new StopAndWaitReceiver(SequenceSpace.ALTERNATING_BIT);
            receiver.onSegment(Segment.data(0, bytes("ab")), 0);
            receiver.onSegment(Segment.data(1, bytes("cd")), 0);
            receiver.onSegment(Segment.fin(0), 0);
            assertThat(receiver.pollOutgoing()).containsExactly(Segment.ack(0), Segment.ack(1), Segment.ack(0));
            assertThat(text(receiver.received())).isEqualTo("abcd");
            assertThat(receiver.isFinished()).isTrue();
        }

        @Test
        void duplicateIsAcknowledgedAgainButNotDelivered() {
            StopAndWaitReceiver receiver = new StopAndWaitReceiver(SequenceSpace.ALTERNATING_BIT);
            receiver.onSegment(Segment.data(0, bytes("ab")), 0);
            receiver.onSegment(Segment.data(0, bytes("ab")), 0); // our ACK was lost; the sender retransmitted
            assertThat(receiver.pollOutgoing()).containsExactly(Segment.ack(0), Segment.ack(0));
            assertThat(receiver.received()).isEqualTo(bytes("ab"));
            assertThat(receiver.stats().duplicatesReceived()).isEqualTo(1);
        }

        /**
         * Why the alternating bit needs a FIFO channel: segment 0 ("ab", bit 0) was duplicated and
         * one copy was delayed. Segments 1 ("cd", bit 1) then pass; the late copy of segment 0 arrives
         * while the receiver expects segment 2 — also bit 0 — and is accepted as new data.
         */
        @Test
        void alternatingBitAcceptsAStaleCopyAfterReordering() {
            StopAndWaitReceiver receiver = new StopAndWaitReceiver(SequenceSpace.ALTERNATING_BIT);
            receiver.onSegment(Segment.data(0, bytes("ab")), 0);
            receiver.onSegment(Segment.data(1, bytes("cd")), 0);
            receiver.onSegment(Segment.data(0, bytes("ab")), 0); // the stale copy
            assertThat(text(receiver.received())).isEqualTo("abcdab");
        }

        @Test
        void wideSequenceNumbersRecogniseTheSameStaleCopy() {
            StopAndWaitReceiver receiver = new StopAndWaitReceiver(SequenceSpace.WIDE);
            receiver.onSegment(Segment.data(0, bytes("ab")), 0);
            receiver.onSegment(Segment.data(1, bytes("cd")), 0);
            receiver.onSegment(Segment.data(0, bytes("ab")), 0);
            assertThat(text(receiver.received())).isEqualTo("abcd");
            assertThat(receiver.stats().duplicatesReceived()).isEqualTo(1);
        }

        @Test
        void wideReceiverIgnoresASequenceNumberFromTheFuture() {
            StopAndWaitReceiver receiver = new StopAndWaitReceiver(SequenceSpace.WIDE);
            receiver.onSegment(Segment.data(5, bytes("zz")), 0);
            assertThat(receiver.pollOutgoing()).isEmpty();
            assertThat(receiver.stats().outsideWindow()).isEqualTo(1);
        }
    }
}
