package org.socketlab.tcp.framing;

import java.nio.ByteBuffer;

/**
 * Length-prefixed framing: a 4-byte big-endian length, then exactly that many bytes.
 *
 * <pre>
 *  0               1               2               3
 * +---------------+---------------+---------------+---------------+---- ... ----+
 * |            payload length (signed 32-bit, network byte order)  |   payload   |
 * +---------------+---------------+---------------+---------------+---- ... ----+
 * </pre>
 *
 * The length is checked as soon as its 4 bytes arrived — before a single payload byte is
 * buffered — so an oversized frame costs the receiver nothing.
 */
public final class LengthPrefixFramer implements MessageFramer {

    /** Default maximum payload: 1 MiB. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 1 << 20;
    /** Size of the length field. */
    public static final int HEADER_BYTES = 4;

    private final int maxFrameBytes;
    private final ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    private ByteBuffer payload;                // null while reading the header
    private FramingException failure;

    public LengthPrefixFramer() {
        this(DEFAULT_MAX_FRAME_BYTES);
    }

    public LengthPrefixFramer(int maxFrameBytes) {
        if (maxFrameBytes < 0) {
            throw new IllegalArgumentException("maximum frame size must not be negative, got " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public byte[] decode(ByteBuffer in) throws FramingException {
        // BEGIN SOLUTION lab=03 task="decode length-prefixed messages: a 4-byte length, then that many bytes"
        if (failure != null) {
            throw failure;
        }
        if (payload == null) {
            copyAvailable(in, header);
            if (header.hasRemaining()) {
                return null;                               // length field still incomplete
            }
            payload = ByteBuffer.allocate(checkedLength(header.flip().getInt()));
        }
        copyAvailable(in, payload);
        if (payload.hasRemaining()) {
            return null;
        }
        byte[] message = payload.array();
        payload = null;
        header.clear();
        return message;
        // END SOLUTION
    }

    private int checkedLength(int length) throws FramingException {
        if (length < 0) {
            failure = new FramingException("frame length is " + Integer.toUnsignedLong(length)
                    + " (negative as a signed 32-bit value); the maximum is " + maxFrameBytes
                    + " (length-prefixed framing)");
            throw failure;
        }
        if (length > maxFrameBytes) {
            failure = new FramingException("frame length is " + length + " bytes; the maximum is "
                    + maxFrameBytes + " (length-prefixed framing)");
            throw failure;
        }
        return length;
    }

    private static void copyAvailable(ByteBuffer from, ByteBuffer to) {
        int count = Math.min(from.remaining(), to.remaining());
        to.put(to.position(), from, from.position(), count);
        to.position(to.position() + count);
        from.position(from.position() + count);
    }

    @Override
    public ByteBuffer encode(byte[] message) {
        if (message.length > maxFrameBytes) {
            throw new IllegalArgumentException("message is " + message.length + " bytes; the maximum is " + maxFrameBytes);
        }
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + message.length);
        out.putInt(message.length).put(message).flip();
        return out;
    }

    @Override
    public int bufferedBytes() {
        return payload == null ? header.position() : HEADER_BYTES + payload.position();
    }

    @Override
    public int maxMessageBytes() {
        return maxFrameBytes;
    }
}
