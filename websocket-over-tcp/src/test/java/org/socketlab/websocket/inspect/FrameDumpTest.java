package org.socketlab.websocket.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.socketlab.tcp.wire.HexDump;

class FrameDumpTest {

    private static ByteBuffer hex(String hex) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    @Test
    void maskedHelloFromRfc6455Section5_7_isExplainedFieldByField() {
        String dump = FrameDump.describe(hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"));
        assertThat(dump).isEqualTo("""
                81                FIN=1 RSV1=0 RSV2=0 RSV3=0 opcode=0x1 (text)
                85                MASK=1 length=5 (7-bit form)
                37 fa 21 3d       masking key
                7f 9f 4d 51 58    payload, masked
                                  unmasked: 48 65 6c 6c 6f
                                  as text: "Hello"
                """);
    }

    @Test
    void sixteenBitLength_isShownWithItsExtendedField() {
        ByteBuffer wire = ByteBuffer.allocate(4 + 256).put(HexFormat.of().parseHex("827e0100")).clear();
        assertThat(FrameDump.describe(wire))
                .contains("126: the next 2 bytes hold the length")
                .contains("extended length = 256 (16-bit form)")
                .contains("… 224 more bytes");
    }

    @Test
    void closeFrame_showsCodeAndReason() {
        assertThat(FrameDump.describe(hex("88 05 03 e8 62 79 65"))).contains("close code 1000 (normal closure), reason \"bye\"");
    }

    @Test
    void truncatedFrame_saysWhatIsMissing() {
        assertThat(FrameDump.describe(hex("81 05 48 65"))).contains("incomplete payload: 2 of 5 bytes");
        assertThat(FrameDump.describe(hex("81"))).contains("incomplete header");
    }

    @Test
    void severalFrames_areNumberedWithTheirOffsets() {
        ByteBuffer wire = hex("01 03 48 65 6c 80 02 6c 6f");
        String dump = FrameDump.describeAll(wire);
        assertThat(dump).contains("frame 1 at offset 0").contains("frame 2 at offset 5").contains("opcode=0x0 (continuation)");
        assertThat(wire.position()).isZero();
    }

    @Test
    void reservedOpcode_isShownNotRejected() {
        assertThat(FrameDump.describe(hex("83 00"))).contains("reserved data opcode").contains("no payload");
    }

    @Test
    void hexDump_hasOffsetsHexAndAscii() {
        // The one HexDump is tcp-blocking's (tcp.wire): offset, hex with a gap after 8, |ASCII|.
        assertThat(HexDump.format(hex("81 05 48 65 6c 6c 6f").array()))
                .isEqualTo("00000000  81 05 48 65 6c 6c 6f" + " ".repeat(9 * 3 + 1) + "  |..Hello|");
        assertThat(HexDump.hex(hex("81 05 48 65"), 1, 3)).isEqualTo("05 48");
        assertThat(HexDump.ascii(hex("81 05 48 65"), 0, 4)).isEqualTo("..He");
    }
}
