package org.socketlab.websocket.inspect;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.socketlab.tcp.wire.HexDump;
import org.socketlab.websocket.frame.CloseCode;
import org.socketlab.websocket.frame.FrameHeader;
import org.socketlab.websocket.frame.Opcode;

/**
 * Explains frames on the wire field by field (RFC 6455 §5.2), for labs and wire taps. It parses
 * leniently: a frame with reserved opcodes, bad lengths or a wrong mask bit is still shown (the
 * {@link org.socketlab.websocket.frame.FrameDecoder} is the one that judges), and a truncated
 * frame says how many bytes are missing. Reads the buffer without moving its position.
 *
 * <pre>
 * 81                FIN=1 RSV1=0 RSV2=0 RSV3=0 opcode=0x1 (text)
 * 85                MASK=1 length=5 (7-bit form)
 * 37 fa 21 3d       masking key
 * 7f 9f 4d 51 58    payload, masked
 *                   unmasked: 48 65 6c 6c 6f  "Hello"
 * </pre>
 */
public final class FrameDump {

    /** Payload bytes shown before "… n more bytes". */
    public static final int DEFAULT_PAYLOAD_BYTES_SHOWN = 32;
    private static final String INDENT = " ".repeat(18);

    private FrameDump() {
    }

    /** All frames in {@code wire}, one block per frame. */
    public static String describeAll(ByteBuffer wire) {
        StringBuilder out = new StringBuilder();
        ByteBuffer view = wire.duplicate();
        int index = 1;
        while (view.hasRemaining()) {
            out.append("frame ").append(index++).append(" at offset ").append(view.position() - wire.position()).append('\n');
            int length = describe(view, DEFAULT_PAYLOAD_BYTES_SHOWN, out);
            view.position(view.position() + length);
        }
        return out.toString();
    }

    /** The first frame in {@code wire}. */
    public static String describe(ByteBuffer wire) {
        StringBuilder out = new StringBuilder();
        describe(wire.duplicate(), DEFAULT_PAYLOAD_BYTES_SHOWN, out);
        return out.toString();
    }

    /**
     * Appends the explanation of the frame at {@code wire.position()} to {@code out}.
     *
     * @return the number of bytes the frame occupies (or all remaining bytes if it is truncated)
     */
    public static int describe(ByteBuffer wire, int payloadBytesShown, StringBuilder out) {
        int at = wire.position();
        int available = wire.remaining();
        if (available < 2) {
            line(out, HexDump.hex(wire, at, wire.limit()), "incomplete header: " + available + " of at least 2 bytes");
            return available;
        }
        int b0 = wire.get(at) & 0xFF;
        int b1 = wire.get(at + 1) & 0xFF;
        line(out, "%02x".formatted(b0), "FIN=%d RSV1=%d RSV2=%d RSV3=%d opcode=0x%X (%s)".formatted(
                bit(b0, FrameHeader.FIN), bit(b0, FrameHeader.RSV1), bit(b0, FrameHeader.RSV2),
                bit(b0, FrameHeader.RSV3), b0 & FrameHeader.OPCODE_MASK, opcodeName(b0 & FrameHeader.OPCODE_MASK)));
        boolean masked = (b1 & FrameHeader.MASK) != 0;
        int length7 = b1 & FrameHeader.LENGTH_MASK;
        int extended = length7 == FrameHeader.LENGTH_16_BIT ? 2 : length7 == FrameHeader.LENGTH_64_BIT ? 8 : 0;
        int headerLength = 2 + extended + (masked ? FrameHeader.MASK_KEY_LENGTH : 0);
        if (available < headerLength) {
            line(out, "%02x".formatted(b1), "MASK=%d length field=%d".formatted(masked ? 1 : 0, length7));
            line(out, HexDump.hex(wire, at + 2, wire.limit()), "incomplete header: %d of %d bytes".formatted(available, headerLength));
            return available;
        }
        long length = length7;
        if (extended > 0) {
            length = 0;
            for (int i = 0; i < extended; i++) {
                length = (length << 8) | (wire.get(at + 2 + i) & 0xFF);
            }
        }
        line(out, "%02x".formatted(b1), "MASK=%d length=%s".formatted(masked ? 1 : 0,
                extended == 0 ? length7 + " (7-bit form)" : length7 + ": the next " + extended + " bytes hold the length"));
        if (extended > 0) {
            line(out, HexDump.hex(wire, at + 2, at + 2 + extended),
                    "extended length = %s (%d-bit form)".formatted(Long.toUnsignedString(length), extended * 8));
        }
        int keyAt = at + 2 + extended;
        if (masked) {
            line(out, HexDump.hex(wire, keyAt, keyAt + 4), "masking key");
        }
        int key = masked ? wire.getInt(keyAt) : 0;
        int opcode = b0 & FrameHeader.OPCODE_MASK;
        return headerLength + payload(wire, at + headerLength, length, key, masked, opcode, payloadBytesShown, out);
    }

    private static int payload(ByteBuffer wire, int from, long declared, int key, boolean masked, int opcode,
                               int shown, StringBuilder out) {
        int present = (int) Math.min(declared, wire.limit() - from);
        // Control frames are at most 125 bytes (§5.5): show them whole, close reasons included.
        int visible = Opcode.isControlCode(opcode) ? Math.min(present, FrameHeader.MAX_CONTROL_PAYLOAD) : Math.min(present, shown);
        String more = present > visible ? " … %d more bytes".formatted(present - visible) : "";
        if (declared == 0) {
            line(out, "", "no payload");
            return 0;
        }
        line(out, HexDump.hex(wire, from, from + visible) + more, masked ? "payload, masked" : "payload");
        ByteBuffer clear = ByteBuffer.allocate(visible);
        for (int i = 0; i < visible; i++) {
            int keyByte = masked ? key >>> (24 - 8 * (i & 3)) : 0;
            clear.put(i, (byte) (wire.get(from + i) ^ keyByte));
        }
        if (masked) {
            line(out, "", "unmasked: " + HexDump.hex(clear, 0, visible));
        }
        if (opcode == Opcode.CLOSE.code() && visible >= 2) {
            int code = clear.getShort(0) & 0xFFFF;
            line(out, "", "close code %d (%s), reason \"%s\"".formatted(code, CloseCode.of(code).description(),
                    new String(clear.array(), 2, visible - 2, StandardCharsets.UTF_8)));
        } else {
            line(out, "", "as text: \"" + new String(clear.array(), StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", ".") + '"');
        }
        if (present < declared) {
            line(out, "", "incomplete payload: %d of %d bytes".formatted(present, declared));
        }
        return present;
    }

    private static void line(StringBuilder out, String bytes, String meaning) {
        if (bytes.length() >= INDENT.length()) {
            out.append(bytes).append('\n').append(INDENT).append(meaning).append('\n');
        } else {
            out.append(bytes).append(INDENT, bytes.length(), INDENT.length()).append(meaning).append('\n');
        }
    }

    private static int bit(int value, int mask) {
        return (value & mask) != 0 ? 1 : 0;
    }

    /** The opcode's name from {@link Opcode} (the frame layer's table), or which reserved range it is in. */
    private static String opcodeName(int code) {
        Opcode opcode = Opcode.ofDefined(code);
        if (opcode != null) {
            return opcode.name().toLowerCase(Locale.ROOT);
        }
        return Opcode.isControlCode(code) ? "reserved control opcode" : "reserved data opcode";
    }
}
