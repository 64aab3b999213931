package org.socketlab.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The profile's categories: a sample counts for the nearest frame a rule names, not for generic JDK code. */
class SampleCategoryTest {

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void genericJdkFramesCountForTheirCaller() {
        assertThat(SampleCategory.ofStack(List.of("java.util.concurrent.ConcurrentHashMap", "sun.nio.ch.Poller",
                "java.lang.VirtualThread"))).isEqualTo(SampleCategory.EPOLL);
        assertThat(SampleCategory.ofStack(List.of("java.nio.HeapByteBuffer", "org.socketlab.websocket.frame.FrameDecoder",
                "org.socketlab.websocket.transport.WebSocketConnection"))).isEqualTo(SampleCategory.CODEC_PROTOCOL);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void rulesAreOrderedFromSpecificToGeneral() {
        assertThat(SampleCategory.of("sun.nio.ch.EPoll")).isEqualTo(SampleCategory.EPOLL);
        assertThat(SampleCategory.of("sun.nio.ch.SocketDispatcher")).isEqualTo(SampleCategory.SOCKET_IO);
        assertThat(SampleCategory.of("java.util.concurrent.locks.LockSupport")).isEqualTo(SampleCategory.SCHEDULING);
        assertThat(SampleCategory.of("java.util.concurrent.locks.ReentrantLock")).isEqualTo(SampleCategory.LOCKS);
        assertThat(SampleCategory.of("org.socketlab.bench.load.NettyEchoServer")).isEqualTo(SampleCategory.OTHER);
        assertThat(SampleCategory.ofStack(List.of())).isEqualTo(SampleCategory.OTHER);
    }
}
