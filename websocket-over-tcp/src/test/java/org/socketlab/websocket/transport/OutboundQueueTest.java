package org.socketlab.websocket.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class OutboundQueueTest {

    private final OutboundQueue queue = new OutboundQueue(100);

    @Test
    void bufferedBytes_countsWhatIsQueuedUntilWritten() throws InterruptedException {
        queue.append(List.of(ByteBuffer.allocate(30), ByteBuffer.allocate(20)), null);
        assertThat(queue.bufferedBytes()).isEqualTo(50);
        OutboundQueue.Chunk first = queue.poll(0);
        first.bytes().position(first.bytes().limit()); // the writer consumed it
        queue.written(first);
        assertThat(queue.bufferedBytes()).isEqualTo(20);
    }

    @Test
    void awaitSpace_timesOutWhileTheQueueIsAtItsLimit() throws InterruptedException {
        queue.append(List.of(ByteBuffer.allocate(100)), null);
        assertThat(queue.awaitSpace(TimeUnit.MILLISECONDS.toNanos(50))).isFalse();
    }

    @Test
    void awaitSpace_returnsOnceTheWriterMakesRoom() throws Exception {
        queue.append(List.of(ByteBuffer.allocate(100)), null);
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.awaitSpace(TimeUnit.SECONDS.toNanos(5));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        queue.written(queue.poll(0));
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void messageLargerThanTheLimit_isAdmittedIntoAQueueBelowIt() throws InterruptedException {
        assertThat(queue.awaitSpace(0)).isTrue();
        queue.append(List.of(ByteBuffer.allocate(1_000)), null);
        assertThat(queue.bufferedBytes()).isEqualTo(1_000);
        assertThat(queue.awaitSpace(0)).isFalse();
    }

    @Test
    void writtenFuture_completesWithTheMessagesLastBuffer() throws InterruptedException {
        CompletableFuture<Void> written = new CompletableFuture<>();
        queue.append(List.of(ByteBuffer.allocate(1), ByteBuffer.allocate(2)), written);
        queue.written(queue.poll(0));
        assertThat(written).isNotDone();
        queue.written(queue.poll(0));
        assertThat(written).isCompleted();
    }

    @Test
    void failure_failsPendingFutures_andRefusesNewMessages() {
        CompletableFuture<Void> pending = new CompletableFuture<>();
        queue.append(List.of(ByteBuffer.allocate(10)), pending);
        queue.fail(new java.io.IOException("connection reset"));
        assertThatThrownBy(pending::get).isInstanceOf(ExecutionException.class).hasMessageContaining("connection reset");
        CompletableFuture<Void> late = new CompletableFuture<>();
        queue.append(List.of(ByteBuffer.allocate(10)), late);
        assertThat(late).isCompletedExceptionally();
        assertThat(queue.bufferedBytes()).isZero();
    }

    @Test
    void finishedQueue_isDoneOnceDrained() throws InterruptedException {
        queue.append(List.of(ByteBuffer.allocate(10)), null);
        queue.finish();
        assertThat(queue.isDone()).isFalse();
        queue.written(queue.poll(0));
        assertThat(queue.isDone()).isTrue();
        assertThat(queue.poll(0)).isNull();
    }

    @Test
    void appendToAnEmptyIdleQueue_handsTheCallerTheWrite_andLaterMessagesQueueBehindIt() throws InterruptedException {
        List<OutboundQueue.Chunk> claimed = queue.appendOrClaim(List.of(ByteBuffer.allocate(10)), null, true);
        assertThat(claimed).as("the direct path: the caller writes").hasSize(1);
        assertThat(queue.bufferedBytes()).as("counted until written, like any chunk").isEqualTo(10);

        assertThat(queue.appendOrClaim(List.of(ByteBuffer.allocate(20)), null, true))
                .as("somebody is writing: the next message queues").isEmpty();
        assertThat(queue.poll(0)).as("the writer thread waits for the direct writer").isNull();

        queue.written(claimed.get(0), false);
        queue.release();
        OutboundQueue.Chunk next = queue.poll(0);
        assertThat(next.size()).as("the writer thread sends what queued meanwhile").isEqualTo(20);
        assertThat(queue.appendOrClaim(List.of(ByteBuffer.allocate(5)), null, true))
                .as("no direct write while the writer thread holds a chunk").isEmpty();
        queue.written(next);
        assertThat(queue.bufferedBytes()).isEqualTo(5);
    }

    @Test
    void finishedQueue_isNotDoneWhileADirectWriteIsInProgress() throws InterruptedException {
        List<OutboundQueue.Chunk> claimed = queue.appendOrClaim(List.of(ByteBuffer.allocate(10)), null, true);
        queue.finish();
        queue.written(claimed.get(0), false);
        assertThat(queue.isDone()).as("drained, but the direct writer still holds the socket").isFalse();
        queue.release();
        assertThat(queue.isDone()).isTrue();
        assertThat(queue.poll(0)).isNull();
    }

    @Test
    void withoutPermission_appendNeverClaims() {
        assertThat(queue.appendOrClaim(List.of(ByteBuffer.allocate(10)), null, false)).isEmpty();
    }

    @Test
    void zeroLimit_isRefused() {
        assertThatThrownBy(() -> new OutboundQueue(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
