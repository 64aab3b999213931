package org.socketlab.udp;

/**
 * Counters of a {@link DatagramClient}.
 *
 * @param requests        calls to request()
 * @param attempts        datagrams sent (first tries and retries)
 * @param retries         attempts beyond the first
 * @param staleDiscarded  replies whose request id was not the one awaited (late or duplicate)
 * @param garbageDiscarded replies too short to carry a request id, or from another address
 */
public record ClientStats(long requests, long attempts, long retries, long staleDiscarded, long garbageDiscarded) {
}
