package org.socketlab.udp.reliable;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * The wire format of a {@link Segment}: a fixed 8-byte header, the payload, and a CRC32 over
 * everything before it.
 *
 * <pre>
 *  0       1       2               6           8             8+n           12+n
 * +-------+-------+---------------+-----------+-------------+-------------+
 * | magic | type  | seq (u32, BE) | len (u16) | payload (n) | CRC32 (u32) |
 * | 0x53  | 1/2/3 |               |     n     |             | of 0..8+n   |
 * +-------+-------+---------------+-----------+-------------+-------------+
 * </pre>
 *
 * <p>UDP has its own 16-bit checksum (RFC 768), but it is optional over IPv4 and a relay that
 * corrupts bytes in user space recomputes it; the CRC32 is end-to-end, so a damaged or foreign
 * datagram is recognised and discarded instead of being delivered as data.
 */
public final class SegmentCodec {
    /** 'S' for segment: a cheap first filter against foreign datagrams. */
    public static final int MAGIC = 0x53;
    public static final int HEADER_LENGTH = 8;
    public static final int TRAILER_LENGTH = 4;
    public static final int OVERHEAD = HEADER_LENGTH + TRAILER_LENGTH;
    /** Largest payload that still fits one IPv4 UDP datagram (65,507 − 12 bytes of overhead). */
    public static final int MAX_PAYLOAD = 65_507 - OVERHEAD;

    private SegmentCodec() {
    }

    public static byte[] encode(Segment segment) {
        byte[] payload = segment.payload();
        ByteBuffer out = ByteBuffer.allocate(OVERHEAD + payload.length);
        out.put((byte) MAGIC).put((byte) segment.type().code()).putInt(segment.seq())
                .putShort((short) payload.length).put(payload);
        out.putInt((int) crc(out.array(), 0, HEADER_LENGTH + payload.length));
        return out.array();
    }

    public static Segment decode(byte[] datagram) throws CorruptSegmentException {
        return decode(datagram, 0, datagram.length);
    }

    /** Decodes {@code length} bytes at {@code offset}; every way a datagram can be wrong is named. */
    public static Segment decode(byte[] datagram, int offset, int length) throws CorruptSegmentException {
        if (length < OVERHEAD) {
            throw new CorruptSegmentException("datagram is " + length + " bytes; a segment needs at least "
                    + OVERHEAD + " (8-byte header + 4-byte CRC32)");
        }
        ByteBuffer in = ByteBuffer.wrap(datagram, offset, length);
        int magic = in.get() & 0xFF;
        if (magic != MAGIC) {
            throw new CorruptSegmentException(String.format("first byte is 0x%02x; a segment starts with 0x%02x", magic, MAGIC));
        }
        int typeCode = in.get() & 0xFF;
        int seq = in.getInt();
        int payloadLength = in.getShort() & 0xFFFF;
        if (payloadLength != length - OVERHEAD) {
            throw new CorruptSegmentException("length field says " + payloadLength + " payload bytes but the datagram carries "
                    + (length - OVERHEAD));
        }
        long carried = Integer.toUnsignedLong(ByteBuffer.wrap(datagram, offset + length - TRAILER_LENGTH, TRAILER_LENGTH).getInt());
        long computed = crc(datagram, offset, length - TRAILER_LENGTH);
        if (carried != computed) {
            throw new CorruptSegmentException(String.format("CRC32 mismatch: carried 0x%08x, computed 0x%08x", carried, computed));
        }
        Segment.Type type = Segment.Type.fromCode(typeCode);
        if (type == null) {
            throw new CorruptSegmentException("segment type is " + typeCode + "; the defined types are 1 (DATA), 2 (ACK), 3 (FIN)");
        }
        if (type != Segment.Type.DATA && payloadLength != 0) {
            throw new CorruptSegmentException(type + " segment carries " + payloadLength + " payload bytes; only DATA may");
        }
        byte[] payload = new byte[payloadLength];
        System.arraycopy(datagram, offset + HEADER_LENGTH, payload, 0, payloadLength);
        return new Segment(type, seq, payload);
    }

    private static long crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }
}
