package org.socketlab.websocket.inspect;

import java.nio.ByteBuffer;
import java.util.List;
import org.socketlab.websocket.frame.FrameHeader;
import org.socketlab.websocket.frame.Masking;
import org.socketlab.websocket.frame.Opcode;

/**
 * One direction of a WebSocket connection, frame after frame (RFC 6455 §5.2): each header is
 * described when its last byte arrives — FIN, RSV, opcode, MASK and key, length and the form it
 * was sent in — and each payload when it is complete, unmasked: a text or hex preview, or the
 * close code and reason. Frames may be cut anywhere by TCP; the dissector resumes at any byte.
 *
 * <p>Rule violations are reported with a leading {@code !} and the RFC section, and the dissector
 * carries on with the declared length, because a bad frame still says where the next one starts.
 * Only a length it cannot trust (64-bit with the top bit set) loses the frame boundaries; then
 * the rest of the stream is reported as raw bytes. Not thread-safe.
 */
final class FrameDissector {

    private enum State { HEADER, PAYLOAD, BROKEN }

    private final boolean fromClient;
    private final boolean deflateNegotiated;
    private final boolean fieldView;
    private final ByteBuffer rawFrame = ByteBuffer.allocate(FrameHeader.MAX_HEADER_LENGTH + FrameHeader.MAX_CONTROL_PAYLOAD);
    private int fieldsHeaderLength;
    private final MessageTracker messages;
    private final byte[] header = new byte[FrameHeader.MAX_HEADER_LENGTH];
    private State state = State.HEADER;
    private long offset;
    private int headerFilled;
    private int headerNeeded = 2;

    private long frameStart;
    private boolean fin;
    private int rsv;
    private int opcode;
    private boolean masked;
    private int maskKey;
    private long length;
    private long payloadRead;
    private ByteBuffer kept;

    /**
     * @param fromClient        frames sent by the client (they must be masked, §5.1)
     * @param inflation         inflates permessage-deflate messages (RSV1, RFC 7692 §6); null when not agreed
     * @param startOffset       stream offset of the first frame byte, for the {@code @offset} labels
     * @param fieldView         also show each frame field by field, as {@link FrameDump} explains it
     */
    FrameDissector(boolean fromClient, Inflation inflation, long startOffset, boolean fieldView) {
        this.fromClient = fromClient;
        this.deflateNegotiated = inflation != null;
        this.fieldView = fieldView;
        this.messages = new MessageTracker(inflation);
        this.offset = startOffset;
    }

    void feed(ByteBuffer in, List<String> out) {
        int progressBefore = in.position();
        while (in.hasRemaining()) {
            switch (state) {
                case HEADER -> headerByte(in.get(), out);
                case PAYLOAD -> payload(in, out);
                case BROKEN -> {
                    out.add("raw: " + in.remaining() + " bytes (frame boundaries lost)");
                    offset += in.remaining();
                    in.position(in.limit());
                }
                default -> throw new IllegalStateException("unreachable: " + state);
            }
        }
        if (in.position() > progressBefore) {
            reportPartial(out);
        }
    }

    void endOfStream(List<String> out) {
        if (state == State.HEADER && headerFilled > 0) {
            out.add("! the stream ended inside a frame header (" + headerFilled + " of " + headerNeeded + " bytes)");
        } else if (state == State.PAYLOAD) {
            out.add("! the stream ended inside a frame payload (" + payloadRead + " of " + length + " bytes)");
        }
        messages.endOfStream(out);
    }

    private void headerByte(byte b, List<String> out) {
        if (headerFilled == 0) {
            frameStart = offset;
        }
        header[headerFilled++] = b;
        offset++;
        if (headerFilled == 2) {
            int length7 = header[1] & FrameHeader.LENGTH_MASK;
            int extended = length7 == FrameHeader.LENGTH_16_BIT ? 2 : length7 == FrameHeader.LENGTH_64_BIT ? 8 : 0;
            headerNeeded = 2 + extended + ((header[1] & FrameHeader.MASK) != 0 ? FrameHeader.MASK_KEY_LENGTH : 0);
        }
        if (headerFilled == headerNeeded) {
            headerComplete(out);
        }
    }

    private void headerComplete(List<String> out) {
        ByteBuffer bytes = ByteBuffer.wrap(header, 0, headerNeeded);
        int b0 = bytes.get() & 0xFF;
        int b1 = bytes.get() & 0xFF;
        fin = (b0 & FrameHeader.FIN) != 0;
        rsv = b0 & FrameHeader.RSV_MASK;
        opcode = b0 & FrameHeader.OPCODE_MASK;
        masked = (b1 & FrameHeader.MASK) != 0;
        int length7 = b1 & FrameHeader.LENGTH_MASK;
        String form = "7-bit";
        length = length7;
        if (length7 == FrameHeader.LENGTH_16_BIT) {
            length = bytes.getShort() & 0xFFFF;
            form = "16-bit extended";
        } else if (length7 == FrameHeader.LENGTH_64_BIT) {
            length = bytes.getLong();
            form = "64-bit extended";
        }
        maskKey = masked ? bytes.getInt() : 0;
        out.add(describeHeader(form));
        rawFrame.clear().put(header, 0, headerNeeded);
        fieldsHeaderLength = headerNeeded;
        headerFilled = 0;
        headerNeeded = 2;
        if (length < 0) {
            out.add("! 64-bit length has its most significant bit set (RFC 6455 §5.2); "
                    + "the next frame cannot be found, so the rest is shown as raw bytes");
            state = State.BROKEN;
            return;
        }
        FrameRules.check(fromClient, deflateNegotiated, b0, b1, length, messages, out);
        payloadRead = 0;
        kept = ByteBuffer.allocate((int) Math.min(length, isControl() ? FrameHeader.MAX_CONTROL_PAYLOAD : Preview.LIMIT));
        messages.frameStarted(opcode, fin, rsv, out);
        state = State.PAYLOAD;
        if (length == 0) {
            payloadComplete(out);
        }
    }

    private String describeHeader(String form) {
        String name = opcodeName(opcode);
        StringBuilder line = new StringBuilder()
                .append(String.format("frame @%d: FIN=%d", frameStart, fin ? 1 : 0))
                .append(rsv == 0 ? "" : String.format(" RSV=%d%d%d", rsv >> 6 & 1, rsv >> 5 & 1, rsv >> 4 & 1))
                .append(String.format(" opcode=0x%X %s", opcode, name))
                .append(" MASK=").append(masked ? 1 : 0);
        if (masked) {
            line.append(String.format(" key=%08x", maskKey));
        }
        return line.append(" length=").append(length < 0 ? Long.toUnsignedString(length) : String.valueOf(length))
                .append(" (").append(form).append(" form), header ").append(headerNeeded).append(" bytes").toString();
    }

    private void payload(ByteBuffer in, List<String> out) {
        int count = (int) Math.min(in.remaining(), length - payloadRead);
        ByteBuffer piece = ByteBuffer.allocate(count);
        piece.put(in.slice(in.position(), count)).flip();
        in.position(in.position() + count);
        // As sent, still masked: what FrameDump shows (all of a control frame, the start of a data frame).
        int rawLimit = isControl() ? FrameHeader.MAX_CONTROL_PAYLOAD : FrameDump.DEFAULT_PAYLOAD_BYTES_SHOWN;
        long rawRoom = Math.max(0, rawLimit - payloadRead);
        rawFrame.put(piece.slice(0, (int) Math.min(count, Math.min(rawRoom, rawFrame.remaining()))));
        if (masked) {
            // RFC 6455 §5.3: byte i of the payload is XORed with key byte i mod 4 — so a piece that
            // starts mid-payload continues the key where the previous piece stopped.
            Masking.applySimple(piece, maskKey, (int) (payloadRead & 3));
        }
        if (kept.hasRemaining()) {
            kept.put(piece.slice(0, Math.min(piece.remaining(), kept.remaining())));
        }
        messages.payload(opcode, piece, out);
        payloadRead += count;
        offset += count;
        if (payloadRead == length) {
            payloadComplete(out);
        }
    }

    private void payloadComplete(List<String> out) {
        if (fieldView) {
            fieldView(out);
        }
        ByteBuffer shown = kept.duplicate().flip();
        switch (Opcode.nameOf(opcode)) {
            case "CLOSE" -> CloseBody.describe(shown, out);
            case "PING", "PONG" -> out.add("  " + opcodeName(opcode).toLowerCase(java.util.Locale.ROOT) + " payload "
                    + (Preview.looksLikeText(shown) ? Preview.text(shown, length) : Preview.hex(shown, length)));
            default -> messages.frameComplete(opcode, fin, shown, length, out);
        }
        state = State.HEADER;
    }

    /** The frame field by field, rendered by {@link FrameDump} from the bytes as they were sent. */
    private void fieldView(List<String> out) {
        StringBuilder fields = new StringBuilder();
        FrameDump.describe(rawFrame.duplicate().flip(), FrameDump.DEFAULT_PAYLOAD_BYTES_SHOWN, fields);
        fields.toString().lines()
                .filter(line -> !line.contains("incomplete payload"))   // only the prefix was kept; the frame is whole
                .forEach(line -> out.add("    " + line));
        int shownPayload = rawFrame.position() - fieldsHeaderLength;
        if (length > shownPayload) {
            out.add("    … " + (length - shownPayload) + " more payload bytes");
        }
    }

    private void reportPartial(List<String> out) {
        if (state == State.PAYLOAD && payloadRead < length) {
            out.add("… frame @" + frameStart + " payload " + payloadRead + " of " + length + " bytes so far");
        } else if (state == State.HEADER && headerFilled > 0) {
            out.add("… frame @" + frameStart + " header " + headerFilled + " of "
                    + (headerFilled < 2 ? "2+" : String.valueOf(headerNeeded)) + " bytes so far");
        }
    }

    private boolean isControl() {
        return Opcode.isControlCode(opcode);
    }

    static String opcodeName(int code) {
        return Opcode.nameOf(code);
    }
}
