package org.socketlab.tcp.wire;

import java.nio.ByteBuffer;

/**
 * Builds one IPv4 packet carrying one TCP segment, byte for byte as it would appear on the wire,
 * with both checksums computed — what {@link PcapWriter} stores for each chunk the tap relays.
 *
 * <pre>
 * IPv4 header (RFC 791 §3.1), 20 bytes, no options:
 *   45 00 LLLL  IIII 40 00  40 06 CCCC  SSSSSSSS  DDDDDDDD
 *   ver/IHL TOS total-length  id  DF,frag-offset 0  TTL 64 proto 6 (TCP) checksum  src  dst
 * TCP header (RFC 9293 §3.1), 20 bytes, no options:
 *   sport dport  seq  ack  50 FF  window  checksum  urgent
 * </pre>
 *
 * Stateless; thread-safe.
 */
final class TcpSegment {

    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;

    static final int IPV4_HEADER_LENGTH = 20;
    static final int TCP_HEADER_LENGTH = 20;
    /** The IPv4 total-length field is 16 bits, so a segment carries at most this much payload. */
    static final int MAX_PAYLOAD = 0xFFFF - IPV4_HEADER_LENGTH - TCP_HEADER_LENGTH;

    private static final int PROTOCOL_TCP = 6;
    private static final int TTL = 64;
    private static final int WINDOW = 0xFFFF;

    private TcpSegment() {
    }

    /** One packet; {@code payload} is read from position to limit without being moved. */
    static byte[] build(Endpoint source, Endpoint destination, int ipId,
                        long seq, long ack, int flags, ByteBuffer payload) {
        int payloadLength = payload.remaining();
        if (payloadLength > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a segment carries at most " + MAX_PAYLOAD + " bytes, got " + payloadLength);
        }
        int tcpLength = TCP_HEADER_LENGTH + payloadLength;
        ByteBuffer packet = ByteBuffer.allocate(IPV4_HEADER_LENGTH + tcpLength);
        // IPv4 header
        packet.put((byte) 0x45).put((byte) 0).putShort((short) packet.capacity());
        packet.putShort((short) ipId).putShort((short) 0x4000);          // Don't Fragment
        packet.put((byte) TTL).put((byte) PROTOCOL_TCP).putShort((short) 0);
        packet.put(source.address()).put(destination.address());
        packet.putShort(10, checksum(packet.array(), 0, IPV4_HEADER_LENGTH, 0));
        // TCP header
        packet.putShort((short) source.port()).putShort((short) destination.port());
        packet.putInt((int) seq).putInt((flags & ACK) != 0 ? (int) ack : 0);
        packet.put((byte) (TCP_HEADER_LENGTH / 4 << 4)).put((byte) flags);
        packet.putShort((short) WINDOW).putShort((short) 0).putShort((short) 0);
        packet.put(payload.duplicate());
        // RFC 9293 §3.1: the TCP checksum also covers a pseudo-header of addresses, protocol, length.
        long pseudo = sumWords(source.address()) + sumWords(destination.address()) + PROTOCOL_TCP + tcpLength;
        packet.putShort(IPV4_HEADER_LENGTH + 16, checksum(packet.array(), IPV4_HEADER_LENGTH, tcpLength, pseudo));
        return packet.array();
    }

    /** The Internet checksum (RFC 1071): ones' complement of the ones' complement sum of 16-bit words. */
    static short checksum(byte[] bytes, int offset, int length, long initialSum) {
        long sum = initialSum;
        int end = offset + length;
        for (int i = offset; i + 1 < end; i += 2) {
            sum += ((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF);
        }
        if ((length & 1) != 0) {
            sum += (bytes[end - 1] & 0xFF) << 8;                          // odd length: pad with a zero byte
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (short) ~sum;
    }

    private static long sumWords(byte[] address) {
        long sum = 0;
        for (int i = 0; i < address.length; i += 2) {
            sum += ((address[i] & 0xFF) << 8) | (address[i + 1] & 0xFF);
        }
        return sum;
    }

    /** An IPv4 address and a port as they go into the headers. */
    record Endpoint(byte[] address, int port) {
        Endpoint {
            if (address.length != 4) {
                throw new IllegalArgumentException("an IPv4 address has 4 bytes, got " + address.length);
            }
            address = address.clone();
        }

        @Override
        public byte[] address() {
            return address.clone();
        }
    }
}
