/**
 * The thin blocking adapter between the pure protocols in {@code org.socketlab.udp.reliable}
 * and real {@code DatagramSocket}s: {@link org.socketlab.udp.transfer.DatagramEndpointRunner} is
 * one loop (send, receive with a timeout no longer than the next timer, feed, tick), and
 * {@link org.socketlab.udp.transfer.SocketTransfer} wires sender → LossyLink → receiver on
 * loopback for the lab and the end-to-end tests.
 *
 * <p>Concurrency contract: a runner is confined to the thread that calls {@code run}; another
 * thread may close its socket to stop a finished, lingering receiver. {@code SocketTransfer.run}
 * starts one receiver thread and the link's threads, and stops them all before it returns.
 */
package org.socketlab.udp.transfer;
