package org.socketlab.udp;

import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The peer addresses a UDP server has heard from recently, at most {@code capacity} of them: a
 * least-recently-used set. UDP has no connections, so "who are my clients" is only ever a
 * guess from recent traffic; remembering every sender forever would let anyone with spoofed or
 * fresh source ports grow the server's memory without bound (issue 17 item 9).
 *
 * <p>Thread-safe: the receive loop records, any thread may read the size.
 */
final class RecentPeers {

    private final int capacity;
    private final Map<SocketAddress, Boolean> peers;
    private long forgotten;

    RecentPeers(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the peer memory must hold at least 1 address, got " + capacity);
        }
        this.capacity = capacity;
        // Access order: a peer that sends again moves to the young end; the eldest is forgotten first.
        this.peers = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<SocketAddress, Boolean> eldest) {
                if (size() > RecentPeers.this.capacity) {
                    forgotten++;
                    return true;
                }
                return false;
            }
        };
    }

    /** Records a datagram from {@code peer}; true when the peer was not remembered (a new peer). */
    synchronized boolean record(SocketAddress peer) {
        return peers.put(peer, Boolean.TRUE) == null;
    }

    synchronized boolean contains(SocketAddress peer) {
        return peers.containsKey(peer);
    }

    synchronized int size() {
        return peers.size();
    }

    /** Peers dropped to make room for newer ones. */
    synchronized long forgotten() {
        return forgotten;
    }

    int capacity() {
        return capacity;
    }
}
