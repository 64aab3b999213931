package org.socketlab.tcp.framing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TCP does not preserve message boundaries, shown on a real loopback connection. */
@Timeout(20)
class StreamBoundaryDemoTest {

    @Test
    void manySmallWrites_comeBackInFewerReads() throws IOException {
        StreamBoundaryDemo.Exchange exchange = StreamBoundaryDemo.coalescedWrites(100, 10);
        assertThat(exchange.writeSizes()).hasSize(100);
        assertThat(exchange.readSizes()).as("read sizes %s", exchange.readSizes()).hasSizeLessThan(100);
        assertThat(exchange.received()).isEqualTo(expectedBytes(100, 10));
    }

    @Test
    void oneLargeWrite_comesBackInManyReads() throws IOException {
        StreamBoundaryDemo.Exchange exchange = StreamBoundaryDemo.splitWrite(1 << 20, 16 * 1024);
        assertThat(exchange.writeSizes()).containsExactly(1 << 20);
        assertThat(exchange.readSizes()).hasSizeGreaterThan(1);
        assertThat(exchange.received()).isEqualTo(StreamBoundaryDemo.message(7, 1 << 20));
    }

    private static byte[] expectedBytes(int count, int size) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            all.writeBytes(StreamBoundaryDemo.message(i, size));
        }
        return all.toByteArray();
    }
}
