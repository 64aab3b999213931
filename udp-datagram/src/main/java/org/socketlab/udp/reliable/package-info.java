/**
 * Reliability built on unreliable datagrams, as pure state machines (sans-I/O): segments and the
 * current time go in, segments to send and the next timer deadline come out
 * ({@link org.socketlab.udp.reliable.SegmentEndpoint}). No {@code java.net}, no threads, no clock
 * reads — a test scans this package's sources so the rule cannot rot.
 *
 * <ul>
 *   <li>{@link org.socketlab.udp.reliable.StopAndWaitSender} / {@code Receiver}: one segment in
 *       flight; alternating bit or 32-bit sequence numbers
 *       ({@link org.socketlab.udp.reliable.SequenceSpace} explains why the bit fails on links
 *       that reorder).</li>
 *   <li>{@link org.socketlab.udp.reliable.GoBackNSender} / {@code Receiver}: a sliding window with
 *       cumulative ACKs and one timer; a timeout resends the whole window.</li>
 *   <li>{@link org.socketlab.udp.reliable.SelectiveRepeatSender} / {@code Receiver}: a sliding
 *       window with per-segment timers and individual ACKs, 32-bit sequence numbers from a
 *       configurable ISN (wrap-around tested).</li>
 *   <li>{@code AbstractReliableSender} / {@code AbstractReliableReceiver}: what every sender or
 *       receiver shares (the outgoing queue, the counters behind the stats, the sender's
 *       retransmission budget and RTO estimator), so each protocol class holds only its own rules:
 *       which ACK or segment it accepts, what its timers are and what a timeout resends.</li>
 *   <li>{@link org.socketlab.udp.reliable.RtoEstimator}: RFC 6298 RTO with Karn's algorithm.</li>
 *   <li>{@link org.socketlab.udp.reliable.SegmentCodec}: the wire format, CRC32-protected.</li>
 *   <li>{@link org.socketlab.udp.reliable.SimulatedTransfer}: both ends over a seeded lossy
 *       link in virtual time.</li>
 * </ul>
 *
 * <p>Concurrency contract: senders and receivers are not thread-safe; each is confined to the
 * one thread that drives it (a {@code DatagramEndpointRunner} or the simulation). Segments,
 * configs, stats and reports are immutable values.
 */
package org.socketlab.udp.reliable;
