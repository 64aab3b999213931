package org.socketlab.udp.lossy;

/**
 * Counters of a {@link LossyLink}, both directions together.
 *
 * @param received   datagrams that entered the link
 * @param dropped    datagrams the link discarded
 * @param duplicated datagrams delivered twice
 * @param reordered  copies held back so that later datagrams overtook them
 * @param corrupted  copies delivered with a flipped byte
 * @param delivered  copies that left the link
 */
public record LinkStats(long received, long dropped, long duplicated, long reordered, long corrupted, long delivered) {

    @Override
    public String toString() {
        return "received " + received + ", dropped " + dropped + ", duplicated " + duplicated + ", reordered "
                + reordered + ", corrupted " + corrupted + ", delivered " + delivered;
    }
}
