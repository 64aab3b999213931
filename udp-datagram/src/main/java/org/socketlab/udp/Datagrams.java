package org.socketlab.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.Arrays;

/**
 * Sending and receiving single datagrams with the limits made visible.
 *
 * <p>Why 65,507: the IPv4 Total Length field is 16 bits (RFC 791 §3.1), so a packet is at most
 * 65,535 bytes; minus the 20-byte IPv4 header (no options) and the 8-byte UDP header (RFC 768)
 * leaves 65,507 bytes of payload. IPv6's Payload Length excludes its own 40-byte header
 * (RFC 8200 §3), so over IPv6 the limit is 65,535 − 8 = 65,527 (jumbograms aside).
 */
public final class Datagrams {
    public static final int IPV4_MAX_PACKET = 65_535;
    public static final int IPV4_HEADER = 20;
    public static final int UDP_HEADER = 8;
    /** 65,535 − 20 − 8. */
    public static final int MAX_IPV4_PAYLOAD = IPV4_MAX_PACKET - IPV4_HEADER - UDP_HEADER;
    /** 65,535 − 8: the IPv6 payload length does not count the fixed IPv6 header. */
    public static final int MAX_IPV6_PAYLOAD = 65_535 - UDP_HEADER;

    private Datagrams() {
    }

    /**
     * {@code sendto()}: one call, one datagram, delivered whole or not at all. A datagram that
     * cannot fit an IP packet fails with a {@link DatagramTooLargeException} explaining the limit.
     */
    public static void send(DatagramSocket socket, byte[] payload, SocketAddress to) throws IOException {
        send(socket, new DatagramPacket(payload, payload.length, to));
    }

    public static void send(DatagramSocket socket, DatagramPacket packet) throws IOException {
        try {
            socket.send(packet);
        } catch (SocketException e) {
            if (e.getMessage() != null && e.getMessage().contains("Message too long")) {
                throw tooLarge(packet, e);
            }
            throw e;
        }
    }

    /** {@code recvfrom()} into a buffer of {@code bufferSize} bytes; anything beyond it is lost. */
    public static ReceivedDatagram receive(DatagramSocket socket, int bufferSize) throws IOException {
        byte[] buffer = new byte[bufferSize];
        DatagramPacket packet = new DatagramPacket(buffer, bufferSize);
        socket.receive(packet);
        return new ReceivedDatagram(Arrays.copyOf(buffer, packet.getLength()), packet.getSocketAddress(), bufferSize);
    }

    private static DatagramTooLargeException tooLarge(DatagramPacket packet, SocketException cause) {
        boolean ipv6 = packet.getSocketAddress() instanceof InetSocketAddress address
                && address.getAddress() instanceof Inet6Address;
        String rule = ipv6
                ? String.format("the maximum over IPv6 is %,d", MAX_IPV6_PAYLOAD) + " = 65,535 (IPv6 payload length) − 8 (UDP header) (RFC 8200 §3, RFC 768)"
                : String.format("the maximum over IPv4 is %,d", MAX_IPV4_PAYLOAD)
                        + " = 65,535 (IPv4 total length) − 20 (IPv4 header) − 8 (UDP header) (RFC 791 §3.1, RFC 768)";
        return new DatagramTooLargeException(packet.getLength(), String.format(
                "datagram payload is %,d bytes; %s; the kernel said \"%s\"", packet.getLength(), rule, cause.getMessage()),
                cause);
    }
}
