package org.socketlab.websocket.frame;

/**
 * Constants of the frame header (RFC 6455 §5.2). Raw numbers live here and in the codec only.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-------+-+-------------+-------------------------------+
 * |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
 * |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
 * |N|V|V|V|       |S|             |   (if payload len==126/127)   |
 * | |1|2|3|       |K|             |                               |
 * +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
 * |     Extended payload length continued, if payload len == 127  |
 * + - - - - - - - - - - - - - - - +-------------------------------+
 * |                               |Masking-key, if MASK set to 1  |
 * +-------------------------------+-------------------------------+
 * | Masking-key (continued)       |          Payload Data         |
 * +-------------------------------- - - - - - - - - - - - - - - - +
 * :                     Payload Data continued ...                :
 * + - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - +
 * </pre>
 *
 * Lengths 0–125 fit in the 7-bit field; 126 announces a 16-bit length, 127 a 64-bit length
 * whose most significant bit must be 0. The minimal encoding is required of senders (§5.2).
 */
public final class FrameHeader {

    /** Byte 0: final fragment of a message. */
    public static final int FIN = 0x80;
    /** Byte 0: reserved bits, meaningful only with a negotiated extension (§5.2). */
    public static final int RSV1 = 0x40;
    public static final int RSV2 = 0x20;
    public static final int RSV3 = 0x10;
    public static final int RSV_MASK = RSV1 | RSV2 | RSV3;
    public static final int OPCODE_MASK = 0x0F;

    /** Byte 1: the payload is masked and a 4-byte key follows the length. */
    public static final int MASK = 0x80;
    public static final int LENGTH_MASK = 0x7F;

    /** 7-bit length values that announce an extended length. */
    public static final int LENGTH_16_BIT = 126;
    public static final int LENGTH_64_BIT = 127;

    /** Largest length that fits the 7-bit field. */
    public static final int MAX_7_BIT_LENGTH = 125;
    /** Largest length that fits the 16-bit extended field. */
    public static final int MAX_16_BIT_LENGTH = 0xFFFF;

    /** RFC 6455 §5.5: all control frames have a payload of 125 bytes or less. */
    public static final int MAX_CONTROL_PAYLOAD = 125;

    public static final int MASK_KEY_LENGTH = 4;
    /** 2 fixed bytes + 8 length bytes + 4 key bytes. */
    public static final int MAX_HEADER_LENGTH = 14;

    private FrameHeader() {
    }
}
