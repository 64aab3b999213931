package org.socketlab.tcp.wire;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class HexDumpTest {

    @Test
    void fullLine_hasOffsetSixteenHexBytesWithAGapAndAscii() {
        assertThat(HexDump.format("GET /chat HTTP/1.1".getBytes(US_ASCII))).isEqualTo("""
                00000000  47 45 54 20 2f 63 68 61  74 20 48 54 54 50 2f 31  |GET /chat HTTP/1|
                00000010  2e 31                                             |.1|""");
    }

    @Test
    void controlAndHighBytesShowAsDots() {
        assertThat(HexDump.format(new byte[] {0x00, 0x0d, 0x0a, (byte) 0x81, 0x7f, 0x41}))
                .endsWith("|.....A|");
    }

    @Test
    void offsetsContinueTheStream_andTheBufferIsNotMoved() {
        ByteBuffer bytes = ByteBuffer.wrap(new byte[] {1, 2, 3});
        assertThat(HexDump.lines(bytes, 0x20, 100)).singleElement().asString().startsWith("00000020  01 02 03");
        assertThat(bytes.position()).isZero();
    }

    @Test
    void longChunksAreCutAtTheLimit_andSayHowManyBytesWereLeftOut() {
        assertThat(HexDump.lines(ByteBuffer.allocate(100), 0, 32))
                .hasSize(3).last().isEqualTo("... 68 more bytes not shown");
    }

    @Test
    void compactHex() {
        assertThat(HexDump.hex(ByteBuffer.wrap(new byte[] {(byte) 0x81, 0x05, 0x48}), 2)).isEqualTo("81 05 ...");
    }
}
