package org.socketlab.websocket.frame;

/**
 * The frame opcodes defined by RFC 6455 §5.2 and §11.8. Codes 0x3–0x7 (data) and 0xB–0xF
 * (control) are reserved: receiving one fails the connection with 1002.
 */
public enum Opcode {
    CONTINUATION(0x0),
    TEXT(0x1),
    BINARY(0x2),
    CLOSE(0x8),
    PING(0x9),
    PONG(0xA);

    private static final Opcode[] BY_CODE = new Opcode[16];

    static {
        for (Opcode opcode : values()) {
            BY_CODE[opcode.code] = opcode;
        }
    }

    private final int code;

    Opcode(int code) {
        this.code = code;
    }

    /** The 4-bit value on the wire. */
    public int code() {
        return code;
    }

    /** RFC 6455 §5.5: opcodes with the most significant bit set are control frames. */
    public boolean isControl() {
        return (code & 0x8) != 0;
    }

    /** True for TEXT, BINARY and CONTINUATION. */
    public boolean isData() {
        return !isControl();
    }

    /** True when the 4-bit wire value names an opcode (not reserved, RFC 6455 §5.2). */
    public static boolean isDefined(int code) {
        return code >= 0 && code < 16 && BY_CODE[code] != null;
    }

    /** RFC 6455 §5.5: a wire value with its most significant bit set is a control opcode. */
    public static boolean isControlCode(int code) {
        return (code & 0x8) != 0;
    }

    /** The name of a wire value, "RESERVED" for a reserved one (for messages and dumps). */
    public static String nameOf(int code) {
        return isDefined(code) ? BY_CODE[code].name() : "RESERVED";
    }

    /** The opcode for a 4-bit wire value, or {@code null} when it is reserved (no exception). */
    public static Opcode ofDefined(int code) {
        return BY_CODE[code];
    }

    /**
     * The opcode for a 4-bit wire value.
     *
     * @throws WebSocketProtocolException with 1002 for a reserved opcode (RFC 6455 §5.2)
     */
    public static Opcode fromCode(int code) throws WebSocketProtocolException {
        Opcode opcode = (code >= 0 && code < 16) ? BY_CODE[code] : null;
        if (opcode == null) {
            throw new WebSocketProtocolException(CloseCode.PROTOCOL_ERROR,
                    "opcode 0x%X is reserved (RFC 6455 §5.2)".formatted(code));
        }
        return opcode;
    }
}
