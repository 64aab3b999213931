package org.socketlab.websocket.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.testing.ResourceProbe;

/** The watchdog's rule with a clock of the test's own: no progress for the send timeout, abort once. */
@Timeout(10)
class WriteWatchdogTest {

    private static final Duration SEND_TIMEOUT = Duration.ofHours(1);

    /** An output stream whose writes block until the test lets them through (a peer that reads nothing). */
    private static final class StalledPeer extends OutputStream {
        final CountDownLatch reads = new CountDownLatch(1);

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            try {
                if (!reads.await(5, TimeUnit.SECONDS)) {
                    throw new IOException("test peer never released the write");
                }
            } catch (InterruptedException e) {
                throw new InterruptedIOException();
            }
        }
    }

    @Test
    void aWriteWithoutProgressForTheSendTimeout_isAbortedOnce_anIdleOrYoungerOneIsNot() throws Exception {
        OutboundQueue queue = new OutboundQueue(1 << 20);
        StalledPeer peer = new StalledPeer();
        SocketWriter writer = new SocketWriter(queue, peer, e -> { });
        WriteWatchdog watchdog = new WriteWatchdog(false);
        AtomicInteger aborts = new AtomicInteger();
        watchdog.watch("ws-test", writer, SEND_TIMEOUT, aborts::incrementAndGet);
        assertThat(watchdog.scan(System.nanoTime() + SEND_TIMEOUT.toNanos() * 2)).as("idle: no write in progress").isZero();

        List<OutboundQueue.Chunk> claimed = queue.appendOrClaim(List.of(ByteBuffer.allocate(10)), null, true);
        assertThat(claimed).as("an empty, idle queue hands the caller the write").hasSize(1);
        Thread direct = Thread.ofVirtual().start(() -> writer.writeClaimed(claimed));
        assertThat(ResourceProbe.await(Duration.ofSeconds(5), () -> writer.writeStartedNanos() != 0))
                .as("the direct write started").isTrue();
        long started = writer.writeStartedNanos();

        assertThat(watchdog.scan(started + SEND_TIMEOUT.toNanos() - 1_000_000)).as("1 ms before the timeout").isZero();
        assertThat(watchdog.scan(started + SEND_TIMEOUT.toNanos() + 1_000_000)).as("1 ms after it").isEqualTo(1);
        assertThat(watchdog.scan(started + SEND_TIMEOUT.toNanos() * 2)).as("a connection is aborted once").isZero();
        assertThat(aborts.get()).isEqualTo(1);

        peer.reads.countDown();
        assertThat(direct.join(Duration.ofSeconds(5))).isTrue();
        assertThat(writer.writeStartedNanos()).as("no write in progress any more").isZero();
        assertThat(queue.bufferedBytes()).isZero();
    }
}
