package org.socketlab.websocket.frame;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules of RFC 6455 §5 that a frame header alone can break, in ONE place: the
 * {@link FrameDecoder} throws them, the {@code inspect} dissector reports them and carries on.
 * Each check takes the raw header bytes (byte 0, byte 1, the extended length) and returns the
 * first rule broken, or {@code null}; {@link #message} states the rule, quotes the value and
 * cites the section. Raw numbers stay here and in {@link FrameHeader}. Stateless, thread-safe.
 */
public enum HeaderViolation {
    /** §5.2: RSV1-3 must be 0 unless an extension gave them a meaning. */
    RSV_WITHOUT_EXTENSION,
    /** §5.2: opcodes 0x3-0x7 and 0xB-0xF are reserved. */
    RESERVED_OPCODE,
    /** §5.5: control frames must not be fragmented. */
    FRAGMENTED_CONTROL,
    /** §5.1: a client masks every frame. */
    UNMASKED_CLIENT_FRAME,
    /** §5.1: a server never masks. */
    MASKED_SERVER_FRAME,
    /** §5.5: control frame payloads are at most 125 bytes. */
    CONTROL_PAYLOAD_TOO_LONG,
    /** §5.2: "the minimal number of bytes MUST be used to encode the length". */
    NON_MINIMAL_LENGTH,
    /** §5.2: the most significant bit of the 64-bit length MUST be 0. */
    LENGTH_MSB_SET;

    /**
     * {@code checkFirstByte(b, rsv) == null} for every byte and every RSV allowance, computed once:
     * the decoder's small-frame fast path asks one array load instead of three rule checks.
     * Indexed {@code [allowedRsvBits >>> 4][firstByte]}; 8 x 256 booleans, shared by every decoder.
     */
    private static final boolean[][] FIRST_BYTE_ACCEPTABLE = new boolean[8][256];

    static {
        for (int rsv = 0; rsv < 8; rsv++) {
            for (int b = 0; b < 256; b++) {
                FIRST_BYTE_ACCEPTABLE[rsv][b] = checkFirstByte(b, rsv << 4) == null;
            }
        }
    }

    /** True when byte 0 breaks no rule: the same answer as {@link #checkFirstByte}, by table lookup. */
    static boolean firstByteAcceptable(int firstByte, int allowedRsvBits) {
        return FIRST_BYTE_ACCEPTABLE[allowedRsvBits >>> 4][firstByte];
    }

    /** Every header rule is a framing error: the receiver fails the connection with 1002 (§7.4.1). */
    public CloseCode closeCode() {
        return CloseCode.PROTOCOL_ERROR;
    }

    /**
     * Byte 0 alone: RSV bits, reserved opcode, fragmented control frame.
     *
     * @param allowedRsvBits RSV bits a negotiated extension defines ({@link FrameHeader#RSV1} etc.)
     */
    public static HeaderViolation checkFirstByte(int firstByte, int allowedRsvBits) {
        if (rsvWithoutExtension(firstByte, allowedRsvBits)) {
            return RSV_WITHOUT_EXTENSION;
        }
        if (reservedOpcode(firstByte)) {
            return RESERVED_OPCODE;
        }
        return fragmentedControl(firstByte) ? FRAGMENTED_CONTROL : null;
    }

    /**
     * Byte 1 given byte 0: the MASK bit for the receiver's role, and a control frame announcing an
     * extended length (caught here, before the length bytes arrive).
     */
    public static HeaderViolation checkSecondByte(int firstByte, int secondByte, Role receiver) {
        HeaderViolation mask = maskViolation(secondByte, receiver);
        if (mask != null) {
            return mask;
        }
        return controlTooLong(firstByte, secondByte) ? CONTROL_PAYLOAD_TOO_LONG : null;
    }

    /** The extended length announced by the 7-bit field {@code length7} (126 or 127). */
    public static HeaderViolation checkExtendedLength(int length7, long length) {
        if (length < 0) {
            return LENGTH_MSB_SET;
        }
        return nonMinimal(length7, length) ? NON_MINIMAL_LENGTH : null;
    }

    /**
     * Every rule a complete header breaks, in wire order (for a dissector that reports them all
     * and carries on; a decoder stops at the first).
     */
    public static List<HeaderViolation> all(int firstByte, int secondByte, long length, Role receiver, int allowedRsvBits) {
        List<HeaderViolation> broken = new ArrayList<>(2);
        if (rsvWithoutExtension(firstByte, allowedRsvBits)) {
            broken.add(RSV_WITHOUT_EXTENSION);
        }
        if (reservedOpcode(firstByte)) {
            broken.add(RESERVED_OPCODE);
        }
        if (fragmentedControl(firstByte)) {
            broken.add(FRAGMENTED_CONTROL);
        }
        HeaderViolation mask = maskViolation(secondByte, receiver);
        if (mask != null) {
            broken.add(mask);
        }
        if (controlTooLong(firstByte, secondByte)) {
            broken.add(CONTROL_PAYLOAD_TOO_LONG);
        }
        int length7 = secondByte & FrameHeader.LENGTH_MASK;
        if (length7 >= FrameHeader.LENGTH_16_BIT) {
            HeaderViolation form = checkExtendedLength(length7, length);
            if (form != null) {
                broken.add(form);
            }
        }
        return broken;
    }

    // ---------------------------------------------------------------- the rules themselves

    private static boolean rsvWithoutExtension(int firstByte, int allowedRsvBits) {
        return (firstByte & FrameHeader.RSV_MASK & ~allowedRsvBits) != 0;
    }

    private static boolean reservedOpcode(int firstByte) {
        return !Opcode.isDefined(firstByte & FrameHeader.OPCODE_MASK);
    }

    private static boolean fragmentedControl(int firstByte) {
        return Opcode.isControlCode(firstByte & FrameHeader.OPCODE_MASK) && (firstByte & FrameHeader.FIN) == 0;
    }

    private static HeaderViolation maskViolation(int secondByte, Role receiver) {
        boolean masked = (secondByte & FrameHeader.MASK) != 0;
        if (receiver == Role.SERVER && !masked) {
            return UNMASKED_CLIENT_FRAME;
        }
        return receiver == Role.CLIENT && masked ? MASKED_SERVER_FRAME : null;
    }

    /** 126 and 127 in the 7-bit field announce more than 125 bytes (a minimal encoding is assumed). */
    private static boolean controlTooLong(int firstByte, int secondByte) {
        return Opcode.isControlCode(firstByte & FrameHeader.OPCODE_MASK)
                && (secondByte & FrameHeader.LENGTH_MASK) > FrameHeader.MAX_CONTROL_PAYLOAD;
    }

    private static boolean nonMinimal(int length7, long length) {
        long smallest = length7 == FrameHeader.LENGTH_16_BIT
                ? FrameHeader.MAX_7_BIT_LENGTH + 1 : FrameHeader.MAX_16_BIT_LENGTH + 1L;
        return length < smallest;
    }

    /**
     * The rule, the offending value and the section, e.g. "control frame PING has FIN=0; control
     * frames must not be fragmented (RFC 6455 §5.5)".
     *
     * @param length the decoded payload length, or -1 when it has not been read yet
     */
    public String message(int firstByte, int secondByte, long length) {
        int opcode = firstByte & FrameHeader.OPCODE_MASK;
        int length7 = secondByte & FrameHeader.LENGTH_MASK;
        return switch (this) {
            case RSV_WITHOUT_EXTENSION -> "RSV bits 0x%02X are set but no extension gave them a meaning (RFC 6455 §5.2)"
                    .formatted(firstByte & FrameHeader.RSV_MASK);
            case RESERVED_OPCODE -> "opcode 0x%X is reserved (RFC 6455 §5.2)".formatted(opcode);
            case FRAGMENTED_CONTROL -> "control frame %s has FIN=0; control frames must not be fragmented (RFC 6455 §5.5)"
                    .formatted(Opcode.nameOf(opcode));
            case UNMASKED_CLIENT_FRAME -> "the client sent an unmasked frame; client frames must be masked (RFC 6455 §5.1)";
            case MASKED_SERVER_FRAME -> "the server sent a masked frame; server frames must not be masked (RFC 6455 §5.1)";
            case CONTROL_PAYLOAD_TOO_LONG -> (length >= 0
                    ? "control frame %s payload is %d bytes".formatted(Opcode.nameOf(opcode), length)
                    : "control frame %s announces an extended length (length field %d)".formatted(Opcode.nameOf(opcode), length7))
                    + "; the maximum is 125 (RFC 6455 §5.5)";
            case NON_MINIMAL_LENGTH -> "payload length %d is sent in the %d-bit form; the minimal number of bytes must be used (RFC 6455 §5.2)"
                    .formatted(length, length7 == FrameHeader.LENGTH_16_BIT ? 16 : 64);
            case LENGTH_MSB_SET -> "64-bit payload length 0x%016X has its most significant bit set (RFC 6455 §5.2)"
                    .formatted(length);
        };
    }

    /** The error a receiver fails the connection with. */
    public WebSocketProtocolException toException(int firstByte, int secondByte, long length) {
        return new WebSocketProtocolException(closeCode(), message(firstByte, secondByte, length));
    }
}
