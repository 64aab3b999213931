/**
 * Seeing the wire: a TCP relay that shows what flows through it, a pcap writer, and a view of
 * the kernel's TCP states.
 *
 * <ul>
 *   <li>{@link org.socketlab.tcp.wire.WireTap} — relays connections unchanged and prints every chunk
 *       (direction, connection id, time offset, {@link org.socketlab.tcp.wire.HexDump}) plus the lines of a
 *       pluggable {@link org.socketlab.tcp.wire.Dissector}; optionally records a
 *       {@link org.socketlab.tcp.wire.PcapWriter} capture with synthesised IPv4/TCP headers.</li>
 *   <li>{@link org.socketlab.tcp.wire.ProcNetTcp} and {@link org.socketlab.tcp.wire.TcpStatesMain} — the
 *       sockets of a port and their {@link org.socketlab.tcp.wire.TcpState}s from {@code /proc/net/tcp}
 *       and {@code tcp6} (Linux only; elsewhere they report that the view is unavailable).</li>
 * </ul>
 *
 * <p>Concurrency contract: a started {@code WireTap} is thread-safe; per connection it runs two
 * virtual threads (one per direction) that serialise their reports through one lock, so a
 * {@code Dissector} instance is never called concurrently. {@code PcapWriter} and
 * {@code PcapTcpFlow} are thread-safe (one lock per file). {@code HexDump}, {@code ProcNetTcp}
 * and {@code TcpState} are stateless.
 */
package org.socketlab.tcp.wire;
