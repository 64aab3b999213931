/**
 * UDP as it is: {@link org.socketlab.udp.DatagramEchoServer} (one socket, every peer, no
 * accept()), {@link org.socketlab.udp.DatagramClient} (request ids, receive timeouts, bounded
 * retries with exponential backoff), {@link org.socketlab.udp.Datagrams} (truncation and the
 * 65,507-byte IPv4 limit made visible) and {@link org.socketlab.udp.PortProbe} (connected UDP and
 * ICMP port unreachable).
 *
 * <p>Concurrency contract:
 * <ul>
 *   <li>{@code DatagramEchoServer}: one platform thread owns the socket's receive loop;
 *       {@code stats()}, {@code localAddress()} and {@code close()} are safe from any thread.</li>
 *   <li>{@code DatagramClient}: not thread-safe; one request at a time, from one thread. Use one
 *       client per thread (its own socket, so replies cannot be stolen by another thread).</li>
 *   <li>{@code Datagrams}, {@code PortProbe}: stateless; every call owns the
 *       sockets it creates. A {@code DatagramSocket} itself may be shared for send/receive by
 *       two threads, as the JDK allows.</li>
 * </ul>
 * Every blocking receive in this package has a timeout, except the echo server's loop, which
 * {@code close()} ends.
 */
package org.socketlab.udp;
