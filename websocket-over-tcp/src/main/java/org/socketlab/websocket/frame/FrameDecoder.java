package org.socketlab.websocket.frame;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A resumable frame parser (RFC 6455 §5.2): feed it whatever bytes arrived and it returns the
 * next complete frame, or {@code null} when it needs more. Input may be split at any byte.
 *
 * <p>Every rule that can be checked from the header is checked as soon as its byte arrives, so
 * a bad frame fails before its payload is read, and a declared length over the limit fails with
 * 1009 before anything is allocated. Once failed, the decoder keeps throwing the same error.
 *
 * <p><b>Zero copy.</b> When a whole frame is present in the input, the payload is a slice of the
 * input buffer, unmasked <em>in place</em> (the input bytes are overwritten); it is valid until
 * the caller reuses that buffer ({@link #lastPayloadSharesInput()} says which case happened).
 * A frame that spans reads is collected into one buffer sized by its (checked) length.
 *
 * <p>Not thread-safe; one owner at a time.
 */
public final class FrameDecoder {

    private final Role localRole;
    private final long maxFramePayload;
    private final int allowedRsvBits;

    private final byte[] header = new byte[FrameHeader.MAX_HEADER_LENGTH];
    private int headerFilled;
    private int headerLength = 2;
    private int lengthEnd = 2;

    private boolean fin;
    private int rsvBits;
    private Opcode opcode;
    private boolean masked;
    private int payloadLength;

    private ByteBuffer partialPayload;
    private boolean lastPayloadShared;
    private ProtocolException failure;
    private FrameListener listener;

    /**
     * Sees a frame before it is complete, so that the protocol can fail fast: a message that will
     * exceed its limit is refused when the header arrives, before the payload is allocated, and
     * invalid UTF-8 in a large text frame is reported when the bad byte arrives, not when the whole
     * frame has (Autobahn case 6.4.3). Throwing fails the decoder with that error.
     */
    public interface FrameListener {
        /** The header is complete and valid; the payload has not been read or allocated yet. */
        default void onHeader(Opcode opcode, boolean fin, int payloadLength) throws ProtocolException {
        }

        /**
         * The next unmasked piece of the payload of a frame that spans reads (the piece that
         * completes the frame is not reported: the frame itself is). Do not keep {@code chunk}.
         */
        default void onPartialPayload(Opcode opcode, ByteBuffer chunk) throws ProtocolException {
        }
    }

    /**
     * @param localRole       this end's role: a server requires masked frames, a client unmasked ones
     * @param maxFramePayload the largest payload accepted (at most {@code Integer.MAX_VALUE - 8})
     * @param allowedRsvBits  RSV bits a negotiated extension gave meaning to ({@link FrameHeader#RSV1}
     *                        etc.); 0 without extensions
     */
    public FrameDecoder(Role localRole, long maxFramePayload, int allowedRsvBits) {
        this.localRole = Objects.requireNonNull(localRole, "localRole");
        if (maxFramePayload < 0 || maxFramePayload > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "maxFramePayload is %d; it must be between 0 and %d".formatted(maxFramePayload, Integer.MAX_VALUE - 8));
        }
        if ((allowedRsvBits & ~FrameHeader.RSV_MASK) != 0) {
            throw new IllegalArgumentException("allowedRsvBits 0x%X has bits outside RSV1..RSV3 (0x70)".formatted(allowedRsvBits));
        }
        this.maxFramePayload = maxFramePayload;
        this.allowedRsvBits = allowedRsvBits;
    }

    /**
     * Consumes bytes from {@code in} and returns the next complete frame with its payload
     * unmasked, or {@code null} when all of {@code in} was consumed without completing one.
     *
     * @throws ProtocolException when the peer broke a framing rule; carries the close code
     */
    public Frame decode(ByteBuffer in) throws ProtocolException {
        if (failure != null) {
            throw failure;
        }
        try {
            if (headerFilled < headerLength && !readHeader(in)) {
                return null;
            }
            return readPayload(in);
        } catch (ProtocolException e) {
            failure = e;
            throw e;
        }
    }

    /** Registers the listener for headers and payload pieces (null to remove). */
    public void setFrameListener(FrameListener listener) {
        this.listener = listener;
    }

    /** True when the last frame's payload is a slice of the caller's input buffer. */
    public boolean lastPayloadSharesInput() {
        return lastPayloadShared;
    }

    /** True between frames: no partial header or payload is held. */
    public boolean isAtFrameBoundary() {
        return headerFilled == 0;
    }

    private boolean readHeader(ByteBuffer in) throws ProtocolException {
        while (headerFilled < headerLength) {
            if (!in.hasRemaining()) {
                return false;
            }
            header[headerFilled++] = in.get();
            if (headerFilled == 1) {
                checkFirstByte(header[0] & 0xFF);
            } else if (headerFilled == 2) {
                checkSecondByte(header[1] & 0xFF);
            }
            if (headerFilled == lengthEnd && lengthEnd > 2) {
                checkExtendedLength();
            }
        }
        if (listener != null) {
            listener.onHeader(opcode, fin, payloadLength);
        }
        return true;
    }

    private void checkFirstByte(int b0) throws ProtocolException {
        // BEGIN SOLUTION lab=09 task="parse the first header byte: FIN, RSV1-3 and the opcode (RFC 6455 §5.2)"
        fin = (b0 & FrameHeader.FIN) != 0;
        rsvBits = b0 & FrameHeader.RSV_MASK;
        if ((rsvBits & ~allowedRsvBits) != 0) {
            throw new ProtocolException(CloseCode.PROTOCOL_ERROR,
                    "RSV bits 0x%X are set but no extension gave them a meaning (RFC 6455 §5.2)".formatted(rsvBits >> 4));
        }
        opcode = Opcode.fromCode(b0 & FrameHeader.OPCODE_MASK);
        if (opcode.isControl() && !fin) {
            throw new ProtocolException(CloseCode.PROTOCOL_ERROR,
                    "control frame %s has FIN=0; control frames must not be fragmented (RFC 6455 §5.5)".formatted(opcode));
        }
        // END SOLUTION
    }

    private void checkSecondByte(int b1) throws ProtocolException {
        // BEGIN SOLUTION lab=09 task="parse the second header byte: MASK bit and 7-bit payload length (RFC 6455 §5.2)"
        masked = (b1 & FrameHeader.MASK) != 0;
        // RFC 6455 §5.1: a client masks every frame; a server never does.
        if (localRole == Role.SERVER && !masked) {
            throw new ProtocolException(CloseCode.PROTOCOL_ERROR,
                    "the client sent an unmasked frame; client frames must be masked (RFC 6455 §5.1)");
        }
        if (localRole == Role.CLIENT && masked) {
            throw new ProtocolException(CloseCode.PROTOCOL_ERROR,
                    "the server sent a masked frame; server frames must not be masked (RFC 6455 §5.1)");
        }
        int length7 = b1 & FrameHeader.LENGTH_MASK;
        int extended = length7 == FrameHeader.LENGTH_16_BIT ? 2 : length7 == FrameHeader.LENGTH_64_BIT ? 8 : 0;
        if (opcode.isControl() && extended > 0) {
            throw new ProtocolException(CloseCode.PROTOCOL_ERROR,
                    "control frame %s announces an extended length (%d); the maximum is 125 (RFC 6455 §5.5)"
                            .formatted(opcode, length7));
        }
        lengthEnd = 2 + extended;
        headerLength = lengthEnd + (masked ? FrameHeader.MASK_KEY_LENGTH : 0);
        if (extended == 0) {
            checkLimit(length7);
        }
        // END SOLUTION
    }

    private void checkExtendedLength() throws ProtocolException {
        // BEGIN SOLUTION lab=09 task="read the 16-bit or 64-bit extended payload length (RFC 6455 §5.2)"
        long length = 0;
        for (int i = 2; i < lengthEnd; i++) {
            length = (length << 8) | (header[i] & 0xFF);
        }
        if (length < 0) {
            throw new ProtocolException(CloseCode.PROTOCOL_ERROR,
                    "64-bit payload length 0x%016X has its most significant bit set (RFC 6455 §5.2)".formatted(length));
        }
        checkLimit(length);
        // END SOLUTION
    }

    private void checkLimit(long length) throws ProtocolException {
        if (length > maxFramePayload) {
            throw new ProtocolException(CloseCode.MESSAGE_TOO_BIG,
                    "frame payload is %d bytes; the limit is %d (RFC 6455 §10.4)".formatted(length, maxFramePayload));
        }
        payloadLength = (int) length;
    }

    private Frame readPayload(ByteBuffer in) throws ProtocolException {
        if (partialPayload == null) {
            if (in.remaining() >= payloadLength && !in.isReadOnly()) {
                ByteBuffer slice = in.slice(in.position(), payloadLength);
                in.position(in.position() + payloadLength);
                if (masked) {
                    Masking.apply(slice, maskKey(), 0);
                }
                return complete(slice, true);
            }
            // Safe: payloadLength passed checkLimit before this allocation.
            partialPayload = ByteBuffer.allocate(payloadLength);
        }
        int n = Math.min(in.remaining(), partialPayload.remaining());
        int offset = partialPayload.position();
        partialPayload.put(offset, in, in.position(), n);
        partialPayload.position(offset + n);
        in.position(in.position() + n);
        // Unmask each piece as it lands (§5.3 masking is position-based), so listeners see clear bytes.
        ByteBuffer piece = partialPayload.slice(offset, n);
        if (masked) {
            Masking.apply(piece, maskKey(), offset);
        }
        if (partialPayload.hasRemaining()) {
            if (listener != null && n > 0) {
                listener.onPartialPayload(opcode, piece);
            }
            return null;
        }
        ByteBuffer payload = partialPayload.flip();
        partialPayload = null;
        return complete(payload, false);
    }

    private Frame complete(ByteBuffer payload, boolean shared) throws ProtocolException {
        Frame frame = new Frame(fin, (rsvBits & FrameHeader.RSV1) != 0, (rsvBits & FrameHeader.RSV2) != 0,
                (rsvBits & FrameHeader.RSV3) != 0, opcode, payload);
        lastPayloadShared = shared;
        headerFilled = 0;
        headerLength = 2;
        lengthEnd = 2;
        if (opcode == Opcode.CLOSE) {
            CloseStatus.parse(payload);
        }
        return frame;
    }

    private int maskKey() {
        int at = lengthEnd;
        return ((header[at] & 0xFF) << 24) | ((header[at + 1] & 0xFF) << 16)
                | ((header[at + 2] & 0xFF) << 8) | (header[at + 3] & 0xFF);
    }
}
