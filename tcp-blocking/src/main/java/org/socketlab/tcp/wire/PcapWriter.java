package org.socketlab.tcp.wire;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * Writes a classic libpcap capture file that Wireshark and tshark open: a 24-byte global header
 * (magic {@code 0xa1b2c3d4}, version 2.4, link type {@link #LINKTYPE_RAW} — each record is a
 * bare IPv4 packet), then one record per packet with a microsecond timestamp.
 *
 * <p>The tap never sees real packets — the kernel keeps them — so it synthesises them: for
 * each relayed connection a {@link PcapTcpFlow} writes SYN, SYN-ACK, ACK, one segment per chunk
 * with consistent sequence and acknowledgement numbers, and FIN or RST at the end. That is
 * enough for tshark's TCP analysis, stream reassembly and its HTTP and WebSocket dissectors.
 *
 * <p>Thread-safety: thread-safe. Records from all connections are written under one lock, in
 * the order they are submitted; every record is flushed so a capture is readable while the tap
 * runs and after it is killed.
 */
public final class PcapWriter implements Closeable {

    /** LINKTYPE_RAW: the packet starts with the IP header (tcpdump.org link-layer header types). */
    public static final int LINKTYPE_RAW = 101;
    public static final int MAGIC = 0xa1b2c3d4;
    private static final int SNAPLEN = 0x40000;

    private final OutputStream out;
    private int flowCount;
    private boolean closed;

    /** Writes the global header to {@code out}; the writer owns the stream from now on. */
    public PcapWriter(OutputStream out) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        ByteBuffer header = ByteBuffer.allocate(24);                    // big-endian: readers detect it by the magic
        header.putInt(MAGIC).putShort((short) 2).putShort((short) 4)
                .putInt(0)                                              // thiszone: timestamps are UTC
                .putInt(0)                                              // sigfigs
                .putInt(SNAPLEN).putInt(LINKTYPE_RAW);
        out.write(header.array());
        out.flush();
    }

    /** Creates (or truncates) {@code file} and writes the global header. */
    public static PcapWriter create(Path file) throws IOException {
        return new PcapWriter(new BufferedOutputStream(Files.newOutputStream(file)));
    }

    /**
     * Starts a TCP connection in the capture and writes its three-way handshake.
     * Addresses that are not IPv4 (e.g. {@code ::1}) are recorded as 127.0.0.1, because the
     * capture holds IPv4 packets only; the ports are kept.
     */
    public synchronized PcapTcpFlow openFlow(InetSocketAddress client, InetSocketAddress server, Instant time)
            throws IOException {
        flowCount++;
        PcapTcpFlow flow = new PcapTcpFlow(this, endpoint(client), endpoint(server), flowCount);
        flow.handshake(time);
        return flow;
    }

    /** Appends one packet record. */
    synchronized void writePacket(Instant time, byte[] packet) throws IOException {
        if (closed) {
            throw new IOException("the pcap writer is closed");
        }
        ByteBuffer record = ByteBuffer.allocate(16);
        record.putInt((int) time.getEpochSecond()).putInt(time.getNano() / 1000)
                .putInt(packet.length).putInt(packet.length);
        out.write(record.array());
        out.write(packet);
        out.flush();
    }

    private static TcpSegment.Endpoint endpoint(InetSocketAddress address) {
        byte[] ipv4 = address.getAddress() instanceof Inet4Address v4 ? v4.getAddress() : new byte[] {127, 0, 0, 1};
        return new TcpSegment.Endpoint(ipv4, address.getPort());
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }
}
