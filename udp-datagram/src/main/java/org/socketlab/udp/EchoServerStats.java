package org.socketlab.udp;

/**
 * Counters of a {@link DatagramEchoServer}.
 *
 * @param received  datagrams read, of any size (including empty ones)
 * @param echoed    datagrams sent back
 * @param oversized datagrams longer than the configured limit, dropped without a reply
 * @param errors    I/O errors survived by the receive loop
 * @param peers     distinct peer addresses remembered: the most recent ones, at most the server's cap
 */
public record EchoServerStats(long received, long echoed, long oversized, long errors, long peers) {
}
