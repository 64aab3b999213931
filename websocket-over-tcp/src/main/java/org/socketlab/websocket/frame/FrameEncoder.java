package org.socketlab.websocket.frame;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Writes frames in the wire format of RFC 6455 §5.2: the shortest length encoding, and for a
 * client a fresh masking key per frame (§5.3). The frame's payload is never modified: masking
 * happens while copying into the output buffer. {@link #encode(Frame, ByteBuffer)} and
 * {@link #encodeHeader} allocate nothing, so a caller that reuses its output buffer encodes
 * garbage-free.
 *
 * <p>Not thread-safe; one owner at a time.
 */
public final class FrameEncoder {

    private final Role localRole;
    private final MaskKeySource keys;

    /**
     * @param localRole the role of this end; a {@link Role#CLIENT} masks every frame
     * @param keys      masking keys (ignored by a server); {@code null} means
     *                  {@link MaskKeySource#secureRandom()}, the only safe source for a real client
     */
    public FrameEncoder(Role localRole, MaskKeySource keys) {
        this.localRole = Objects.requireNonNull(localRole, "localRole");
        this.keys = keys == null && localRole.masksOutgoingFrames() ? MaskKeySource.secureRandom() : keys;
    }

    /** Header length for a payload of this size: 2, 4 or 10 bytes, plus 4 when masked. */
    public static int headerLength(long payloadLength, boolean masked) {
        if (payloadLength < 0) {
            throw new IllegalArgumentException("payload length is " + payloadLength + "; it cannot be negative");
        }
        int length = payloadLength <= FrameHeader.MAX_7_BIT_LENGTH ? 2
                : payloadLength <= FrameHeader.MAX_16_BIT_LENGTH ? 4 : 10;
        return masked ? length + FrameHeader.MASK_KEY_LENGTH : length;
    }

    /** The encoded size of this frame for this encoder's role. */
    public int encodedLength(Frame frame) {
        int payloadLength = frame.payload().remaining();
        return headerLength(payloadLength, localRole.masksOutgoingFrames()) + payloadLength;
    }

    /** Encodes the frame into a new buffer, flipped and ready to write. */
    public ByteBuffer encode(Frame frame) {
        ByteBuffer out = ByteBuffer.allocate(encodedLength(frame));
        encode(frame, out);
        return out.flip();
    }

    /**
     * Encodes the frame at {@code out.position()} and advances it.
     *
     * @return the number of bytes written
     * @throws BufferOverflowException  if {@code out} has less room than {@link #encodedLength}
     * @throws IllegalArgumentException if the frame breaks a rule a sender must follow
     */
    public int encode(Frame frame, ByteBuffer out) {
        checkSendable(frame);
        int needed = encodedLength(frame);
        if (out.remaining() < needed) {
            throw new BufferOverflowException();
        }
        ByteBuffer payload = frame.payload();
        int length = payload.remaining();
        boolean masked = localRole.masksOutgoingFrames();
        writeHeader(frame, length, masked, out);
        int at = out.position();
        if (masked) {
            int key = keys.nextMaskKey();
            out.putInt(key);
            at += FrameHeader.MASK_KEY_LENGTH;
            // One pass: read the caller's bytes, write them masked (the caller's buffer is untouched).
            Masking.copyMasked(payload, payload.position(), out, at, length, key);
        } else {
            out.put(at, payload, payload.position(), length);
        }
        out.position(at + length);
        return needed;
    }

    /**
     * Writes only the header of an unmasked frame, for a gathering write of {@code [header,
     * payload]}: a server sends a large payload from the caller's own buffer without copying it.
     * (A client cannot: masking must transform the payload, so it uses {@link #encode(Frame, ByteBuffer)}.)
     *
     * @return the number of header bytes written (2, 4 or 10)
     * @throws IllegalStateException    if this encoder masks (a client)
     * @throws BufferOverflowException  if {@code out} has less than {@code headerLength(length, false)} bytes of room
     * @throws IllegalArgumentException if the frame breaks a rule a sender must follow
     */
    public int encodeHeader(Frame frame, ByteBuffer out) {
        if (localRole.masksOutgoingFrames()) {
            throw new IllegalStateException("a " + localRole + " masks its frames (RFC 6455 §5.3), so the payload "
                    + "must go through encode(frame, out); a header-only encoding is for unmasked frames");
        }
        checkSendable(frame);
        int length = frame.payload().remaining();
        int needed = headerLength(length, false);
        if (out.remaining() < needed) {
            throw new BufferOverflowException();
        }
        writeHeader(frame, length, false, out);
        return needed;
    }

    private static void writeHeader(Frame frame, int length, boolean masked, ByteBuffer out) {
        out.put((byte) ((frame.fin() ? FrameHeader.FIN : 0) | frame.rsvBits() | frame.opcode().code()));
        int maskBit = masked ? FrameHeader.MASK : 0;
        if (length <= FrameHeader.MAX_7_BIT_LENGTH) {
            out.put((byte) (maskBit | length));
        } else if (length <= FrameHeader.MAX_16_BIT_LENGTH) {
            out.put((byte) (maskBit | FrameHeader.LENGTH_16_BIT));
            out.putShort((short) length);
        } else {
            out.put((byte) (maskBit | FrameHeader.LENGTH_64_BIT));
            out.putLong(length);
        }
    }

    // RFC 6455 §5.5: control frames are never fragmented and carry at most 125 bytes.
    private static void checkSendable(Frame frame) {
        if (frame.opcode().isControl()) {
            if (!frame.fin()) {
                throw new IllegalArgumentException(
                        "control frame %s must have FIN set (RFC 6455 §5.5)".formatted(frame.opcode()));
            }
            if (frame.payload().remaining() > FrameHeader.MAX_CONTROL_PAYLOAD) {
                throw new IllegalArgumentException(
                        "control frame payload is %d bytes; the maximum is 125 (RFC 6455 §5.5)"
                                .formatted(frame.payload().remaining()));
            }
        }
    }
}
