/**
 * A bad network on demand. {@link org.socketlab.udp.lossy.Impairment} says what may happen to a
 * datagram; {@link org.socketlab.udp.lossy.ImpairmentPlan} decides what does, deterministically
 * for a seed, with no I/O, threads or clocks; {@link org.socketlab.udp.lossy.LossyLink} applies
 * those decisions to real datagrams between two loopback sockets.
 *
 * <p>Concurrency contract: {@code Impairment}, {@code Fate} and {@code LinkStats} are immutable.
 * An {@code ImpairmentPlan} is not thread-safe: confine it to one thread (the link gives each
 * direction its own plan, used only by that direction's reader thread). A {@code LossyLink} runs
 * two reader threads and one scheduler thread; {@code address()}, {@code stats()} and
 * {@code close()} are safe from any thread.
 */
package org.socketlab.udp.lossy;
