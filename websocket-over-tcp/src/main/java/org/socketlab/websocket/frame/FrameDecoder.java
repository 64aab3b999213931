package org.socketlab.websocket.frame;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A resumable frame parser (RFC 6455 §5.2) with an explicit state: feed it whatever bytes
 * arrived and {@link #next(ByteBuffer)} says what they completed. It never blocks and never
 * waits for a whole frame: input may be split at any byte.
 *
 * <pre>
 *  FIRST_BYTE ─▶ SECOND_BYTE ─┬─▶ EXTENDED_LENGTH ─┬─▶ MASKING_KEY ─┬─▶ PAYLOAD ─▶ FIRST_BYTE
 *                             └────────────────────┴────────────────┘   (chunks)
 *  any header rule broken ─▶ CORRUPT (every later call throws the same error)
 * </pre>
 *
 * {@link #next} returns one {@link Step}:
 * <ul>
 *   <li>{@link Step#FRAME}: a header and its whole payload, present in the input: the payload
 *       is unmasked <em>in place</em> in the caller's buffer ({@link #chunkBuffer()},
 *       {@link #chunkOffset()}, {@link #chunkLength()}); nothing is copied or allocated;</li>
 *   <li>{@link Step#HEADER}: a header whose payload has not all arrived; chunks follow;</li>
 *   <li>{@link Step#PAYLOAD_CHUNK}: the next unmasked piece of that payload, in the caller's
 *       buffer; {@link #chunkEndsFrame()} on the last one;</li>
 *   <li>{@link Step#NEED_MORE}: every byte of the input was consumed.</li>
 * </ul>
 * The decoder never allocates the declared payload: memory follows the bytes received, and the
 * caller decides what to keep. Header fields ({@link #opcode()}, {@link #fin()}, ...) stay valid
 * until the next header. Every header rule ({@link HeaderViolation}) is checked as soon as its
 * byte arrives; a declared length over the limit fails with 1009 before any payload is read.
 *
 * <p>{@link #decode(ByteBuffer, DecodedFrame)} and {@link #decode(ByteBuffer)} are the
 * whole-frame conveniences built on {@code next}: they collect a split payload in a buffer that
 * grows as its bytes arrive. Not thread-safe; one owner at a time.
 */
public final class FrameDecoder {

    /** Where the parser stands (Netty's WebSocket08FrameDecoder has the same states). */
    public enum State { FIRST_BYTE, SECOND_BYTE, EXTENDED_LENGTH, MASKING_KEY, PAYLOAD, CORRUPT }

    /** What one call to {@link #next} produced. */
    public enum Step { NEED_MORE, HEADER, PAYLOAD_CHUNK, FRAME }

    /** Largest piece copied out of a read-only masked input at a time. */
    private static final int READ_ONLY_CHUNK = 8192;

    private final Role localRole;
    private final long maxFramePayload;
    private final int allowedRsvBits;

    private State state = State.FIRST_BYTE;
    private WebSocketProtocolException failure;

    private int firstByte;
    private int secondByte;
    private boolean fin;
    private Opcode opcode;
    private boolean masked;
    private int lengthBytesLeft;
    private long extendedLength;
    private int keyBytesLeft;
    private int maskKey;
    private int payloadLength;
    private int payloadRead;

    private ByteBuffer chunkBuffer;
    private int chunkOffset;
    private int chunkLength;
    private boolean chunkEndsFrame;
    private ByteBuffer readOnlyCopy;

    private WholeFrames wholeFrames;

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
     * Consumes bytes from {@code in} up to the next event and reports it (see the class comment).
     * Masked payload is unmasked in place, so {@code in} must be writable unless the frames are
     * unmasked (a read-only masked input is copied out in pieces of at most 8 KiB).
     *
     * @throws WebSocketProtocolException when the peer broke a framing rule; carries the close code
     */
    public Step next(ByteBuffer in) throws WebSocketProtocolException {
        try {
            return switch (state) {
                case FIRST_BYTE -> in.remaining() >= 2 ? smallFrameOrWholeHeader(in) : headerByteByByte(in);
                case SECOND_BYTE, EXTENDED_LENGTH, MASKING_KEY -> headerByteByByte(in);
                case PAYLOAD -> payloadChunk(in);
                case CORRUPT -> throw failure;
            };
        } catch (WebSocketProtocolException e) {
            state = State.CORRUPT;
            failure = e;
            throw e;
        }
    }

    /**
     * The fastest path, for the commonest case on a chat-like connection: a small frame (7-bit
     * length, at most 125 bytes) that arrived whole in a writable heap buffer. One look-up checks
     * byte 0 ({@link HeaderViolation#firstByteAcceptable}); byte 1 can only break the MASK rule,
     * since a 7-bit length is always minimal and never too long for a control frame. Anything
     * else (a longer or split frame, a broken rule, a direct or read-only buffer) takes
     * {@link #wholeHeader}, which gives the same result and the precise error.
     */
    private Step smallFrameOrWholeHeader(ByteBuffer in) throws WebSocketProtocolException {
        if (!in.hasArray() || in.isReadOnly()) {
            return wholeHeader(in);
        }
        byte[] bytes = in.array();
        int at = in.arrayOffset() + in.position();
        int b0 = bytes[at] & 0xFF;
        int b1 = bytes[at + 1] & 0xFF;
        int length = b1 & FrameHeader.LENGTH_MASK;
        boolean isMasked = (b1 & FrameHeader.MASK) != 0;
        int headerLength = isMasked ? 2 + FrameHeader.MASK_KEY_LENGTH : 2;
        if (length > FrameHeader.MAX_7_BIT_LENGTH || length > maxFramePayload
                || isMasked != (localRole == Role.SERVER)
                || !HeaderViolation.firstByteAcceptable(b0, allowedRsvBits)
                || in.remaining() < headerLength + length) {
            return wholeHeader(in);
        }
        firstByte = b0;
        secondByte = b1;
        fin = (b0 & FrameHeader.FIN) != 0;
        opcode = Opcode.ofDefined(b0 & FrameHeader.OPCODE_MASK);
        masked = isMasked;
        lengthBytesLeft = 0;
        keyBytesLeft = 0;
        payloadLength = length;
        payloadRead = 0;
        int start = in.position() + headerLength;
        if (isMasked) {
            maskKey = (bytes[at + 2] & 0xFF) << 24 | (bytes[at + 3] & 0xFF) << 16
                    | (bytes[at + 4] & 0xFF) << 8 | (bytes[at + 5] & 0xFF);
            Masking.apply(in, start, start + length, maskKey, 0);
        } else {
            maskKey = 0;
        }
        in.position(start + length);
        setChunk(in, start, length, true);
        return Step.FRAME;
    }

    /** The fast path: the first two bytes are there, probably the rest of the header too. */
    private Step wholeHeader(ByteBuffer in) throws WebSocketProtocolException {
        int at = in.position();
        parseFirstByte(in.get(at) & 0xFF);
        parseSecondByte(in.get(at + 1) & 0xFF);
        int needed = lengthBytesLeft + keyBytesLeft;
        if (in.remaining() - 2 < needed) {
            in.position(at + 2);
            state = lengthBytesLeft > 0 ? State.EXTENDED_LENGTH : State.MASKING_KEY;
            return headerByteByByte(in);
        }
        at += 2;
        if (lengthBytesLeft == 2) {
            parseExtendedLength(bigEndianShort(in, at));
        } else if (lengthBytesLeft == 8) {
            parseExtendedLength(bigEndianLong(in, at));
        }
        at += lengthBytesLeft;
        lengthBytesLeft = 0;
        if (masked) {
            maskKey = bigEndianInt(in, at);
            at += FrameHeader.MASK_KEY_LENGTH;
            keyBytesLeft = 0;
        }
        in.position(at);
        return headerComplete(in);
    }

    /** The slow path: a header split across reads, one byte at a time through the states. */
    private Step headerByteByByte(ByteBuffer in) throws WebSocketProtocolException {
        while (in.hasRemaining()) {
            int b = in.get() & 0xFF;
            switch (state) {
                case FIRST_BYTE -> {
                    parseFirstByte(b);
                    state = State.SECOND_BYTE;
                }
                case SECOND_BYTE -> {
                    parseSecondByte(b);
                    if (lengthBytesLeft == 0 && !masked) {
                        return headerComplete(in);
                    }
                    state = lengthBytesLeft > 0 ? State.EXTENDED_LENGTH : State.MASKING_KEY;
                }
                case EXTENDED_LENGTH -> {
                    extendedLength = extendedLength << 8 | b;
                    if (--lengthBytesLeft == 0) {
                        parseExtendedLength(extendedLength);
                        if (!masked) {
                            return headerComplete(in);
                        }
                        state = State.MASKING_KEY;
                    }
                }
                case MASKING_KEY -> {
                    maskKey = maskKey << 8 | b;
                    if (--keyBytesLeft == 0) {
                        return headerComplete(in);
                    }
                }
                default -> throw new IllegalStateException("unreachable: header byte in state " + state);
            }
        }
        return Step.NEED_MORE;
    }

    private void parseFirstByte(int b0) throws WebSocketProtocolException {
        // BEGIN SOLUTION lab=09 task="parse the first header byte: FIN, RSV1-3 and the opcode (RFC 6455 §5.2)"
        HeaderViolation broken = HeaderViolation.checkFirstByte(b0, allowedRsvBits);
        if (broken != null) {
            throw broken.toException(b0, 0, -1);
        }
        firstByte = b0;
        fin = (b0 & FrameHeader.FIN) != 0;
        opcode = Opcode.ofDefined(b0 & FrameHeader.OPCODE_MASK);
        // END SOLUTION
    }

    private void parseSecondByte(int b1) throws WebSocketProtocolException {
        // BEGIN SOLUTION lab=09 task="parse the second header byte: MASK bit and 7-bit payload length (RFC 6455 §5.2)"
        HeaderViolation broken = HeaderViolation.checkSecondByte(firstByte, b1, localRole);
        if (broken != null) {
            throw broken.toException(firstByte, b1, -1);
        }
        secondByte = b1;
        masked = (b1 & FrameHeader.MASK) != 0;
        keyBytesLeft = masked ? FrameHeader.MASK_KEY_LENGTH : 0;
        maskKey = 0;
        int length7 = b1 & FrameHeader.LENGTH_MASK;
        lengthBytesLeft = length7 == FrameHeader.LENGTH_16_BIT ? 2 : length7 == FrameHeader.LENGTH_64_BIT ? 8 : 0;
        extendedLength = 0;
        if (lengthBytesLeft == 0) {
            checkLimit(length7);
        }
        // END SOLUTION
    }

    private void parseExtendedLength(long length) throws WebSocketProtocolException {
        // BEGIN SOLUTION lab=09 task="check the 16-bit or 64-bit extended payload length (RFC 6455 §5.2)"
        HeaderViolation broken = HeaderViolation.checkExtendedLength(secondByte & FrameHeader.LENGTH_MASK, length);
        if (broken != null) {
            throw broken.toException(firstByte, secondByte, length);
        }
        checkLimit(length);
        // END SOLUTION
    }

    private void checkLimit(long length) throws WebSocketProtocolException {
        if (length > maxFramePayload) {
            throw new WebSocketProtocolException(CloseCode.MESSAGE_TOO_BIG,
                    "frame payload is %d bytes; the limit is %d (RFC 6455 §10.4)".formatted(length, maxFramePayload));
        }
        payloadLength = (int) length;
    }

    private Step headerComplete(ByteBuffer in) {
        payloadRead = 0;
        int start = in.position();
        if (payloadLength == 0 || (in.remaining() >= payloadLength && (!masked || !in.isReadOnly()))) {
            // The whole payload is here: unmask it in place and hand out the input's own bytes.
            in.position(start + payloadLength);
            if (masked) {
                Masking.apply(in, start, start + payloadLength, maskKey, 0);
            }
            setChunk(in, start, payloadLength, true);
            state = State.FIRST_BYTE;
            return Step.FRAME;
        }
        setChunk(in, start, 0, false);
        state = State.PAYLOAD;
        return Step.HEADER;
    }

    private Step payloadChunk(ByteBuffer in) {
        int count = Math.min(in.remaining(), payloadLength - payloadRead);
        if (count == 0) {
            return Step.NEED_MORE;
        }
        int start = in.position();
        if (!masked) {
            setChunk(in, start, count, false);
        } else if (!in.isReadOnly()) {
            Masking.apply(in, start, start + count, maskKey, payloadRead); // §5.3: key index = payload index mod 4
            setChunk(in, start, count, false);
        } else {
            count = Math.min(count, READ_ONLY_CHUNK);
            if (readOnlyCopy == null || readOnlyCopy.capacity() < count) {
                readOnlyCopy = ByteBuffer.allocate(Math.min(READ_ONLY_CHUNK, payloadLength));
            }
            Masking.copyMasked(in, start, readOnlyCopy, 0, count, Integer.rotateLeft(maskKey, 8 * (payloadRead & 3)));
            setChunk(readOnlyCopy, 0, count, false);
        }
        in.position(start + count);
        payloadRead += count;
        chunkEndsFrame = payloadRead == payloadLength;
        if (chunkEndsFrame) {
            state = State.FIRST_BYTE;
        }
        return Step.PAYLOAD_CHUNK;
    }

    // The wire is big-endian (network order, RFC 6455 §5.2) whatever order the caller's buffer uses.
    private static int bigEndianShort(ByteBuffer in, int at) {
        short value = in.getShort(at);
        return (in.order() == java.nio.ByteOrder.BIG_ENDIAN ? value : Short.reverseBytes(value)) & 0xFFFF;
    }

    private static int bigEndianInt(ByteBuffer in, int at) {
        int value = in.getInt(at);
        return in.order() == java.nio.ByteOrder.BIG_ENDIAN ? value : Integer.reverseBytes(value);
    }

    private static long bigEndianLong(ByteBuffer in, int at) {
        long value = in.getLong(at);
        return in.order() == java.nio.ByteOrder.BIG_ENDIAN ? value : Long.reverseBytes(value);
    }

    private void setChunk(ByteBuffer buffer, int offset, int length, boolean endsFrame) {
        chunkBuffer = buffer;
        chunkOffset = offset;
        chunkLength = length;
        chunkEndsFrame = endsFrame;
    }

    // ---------------------------------------------------------------- the current frame

    public State state() {
        return state;
    }

    /** True between frames: no partial header or payload is held. */
    public boolean isAtFrameBoundary() {
        return state == State.FIRST_BYTE;
    }

    public boolean fin() {
        return fin;
    }

    /** RSV1..RSV3 as they sit in the first header byte (0x40, 0x20, 0x10). */
    public int rsvBits() {
        return firstByte & FrameHeader.RSV_MASK;
    }

    public Opcode opcode() {
        return opcode;
    }

    /** The declared payload length of the current frame (already checked against the limit). */
    public int payloadLength() {
        return payloadLength;
    }

    /** The buffer holding the last chunk's (or whole frame's) unmasked bytes; absolute indexes. */
    public ByteBuffer chunkBuffer() {
        return chunkBuffer;
    }

    public int chunkOffset() {
        return chunkOffset;
    }

    public int chunkLength() {
        return chunkLength;
    }

    /** True when the last {@link Step#PAYLOAD_CHUNK} (or {@link Step#FRAME}) completed the frame. */
    public boolean chunkEndsFrame() {
        return chunkEndsFrame;
    }

    // ---------------------------------------------------------------- whole-frame conveniences

    /**
     * Consumes bytes from {@code in} and returns the next complete frame with its payload
     * unmasked, or {@code null} when all of {@code in} was consumed without completing one.
     * A close frame's payload is checked ({@link CloseStatus#parse}).
     *
     * @throws WebSocketProtocolException when the peer broke a framing rule; carries the close code
     */
    public Frame decode(ByteBuffer in) throws WebSocketProtocolException {
        return wholeFrames().decode(this, in);
    }

    /**
     * The allocation-free whole-frame form: when a frame completes, fills {@code into} (see
     * {@link DecodedFrame} for how long its payload stays valid) and returns true; returns false
     * when all of {@code in} was consumed without completing one. A frame that arrived whole is
     * not copied; a split one is collected in a buffer that grows as its bytes arrive.
     *
     * @throws WebSocketProtocolException when the peer broke a framing rule; carries the close code
     */
    public boolean decode(ByteBuffer in, DecodedFrame into) throws WebSocketProtocolException {
        return wholeFrames().decode(this, in, into);
    }

    /** True when the last whole frame's payload is a slice of the caller's input buffer. */
    public boolean lastPayloadSharesInput() {
        return wholeFrames != null && wholeFrames.lastShared();
    }

    /** Only for the whole-frame conveniences; created on first use (the protocol never needs it). */
    private WholeFrames wholeFrames() {
        if (wholeFrames == null) {
            wholeFrames = new WholeFrames();
        }
        return wholeFrames;
    }

    /** A rule broken above the header (a close payload checked by {@link WholeFrames}): fail for good. */
    WebSocketProtocolException corrupt(WebSocketProtocolException error) {
        state = State.CORRUPT;
        failure = error;
        return error;
    }
}
