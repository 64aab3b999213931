package org.socketlab.websocket.frame;

import java.nio.ByteBuffer;

/**
 * A reusable, mutable view of the last frame a {@link FrameDecoder} completed: the
 * allocation-free alternative to {@link Frame} for hot loops (servers, benchmarks).
 *
 * <p>The unmasked payload is {@code buffer()[payloadOffset(), payloadOffset() + payloadLength())}
 * (absolute indexes). It is the caller's input buffer when the frame arrived whole (unmasked in
 * place), else a buffer the decoder collected the pieces in. It is valid until the next call to
 * {@link FrameDecoder#decode(ByteBuffer, DecodedFrame)} or until the caller reuses its input.
 *
 * <p>Not thread-safe; owned by whoever passes it to the decoder.
 */
public final class DecodedFrame {

    boolean fin;
    int rsvBits;
    Opcode opcode;
    ByteBuffer buffer;
    int payloadOffset;
    int payloadLength;
    boolean sharesInput;

    /** FIN bit: the last fragment of a message (RFC 6455 §5.2). */
    public boolean fin() {
        return fin;
    }

    /** RSV1..RSV3 as they sit in the first header byte (0x40, 0x20, 0x10). */
    public int rsvBits() {
        return rsvBits;
    }

    public Opcode opcode() {
        return opcode;
    }

    /** The buffer that holds the unmasked payload (use absolute indexes). */
    public ByteBuffer buffer() {
        return buffer;
    }

    public int payloadOffset() {
        return payloadOffset;
    }

    public int payloadLength() {
        return payloadLength;
    }

    /** True when the payload lies in the caller's input buffer. */
    public boolean sharesInput() {
        return sharesInput;
    }

    /** Payload byte {@code index} (0-based within the payload). */
    public byte payloadByte(int index) {
        if (index < 0 || index >= payloadLength) {
            throw new IndexOutOfBoundsException("payload index " + index + " outside 0.." + (payloadLength - 1));
        }
        return buffer.get(payloadOffset + index);
    }

    /** A new buffer over the payload (allocates a view; the bytes are not copied). */
    public ByteBuffer payloadSlice() {
        return buffer.slice(payloadOffset, payloadLength);
    }

    /** An immutable {@link Frame} over the same payload bytes (allocates). */
    public Frame toFrame() {
        return new Frame(fin, (rsvBits & FrameHeader.RSV1) != 0, (rsvBits & FrameHeader.RSV2) != 0,
                (rsvBits & FrameHeader.RSV3) != 0, opcode, payloadSlice());
    }

    @Override
    public String toString() {
        return "DecodedFrame[" + opcode + (fin ? " FIN" : "") + ", " + payloadLength + " bytes]";
    }
}
