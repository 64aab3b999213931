package org.socketlab.tcp.wire;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Recognises what flows through a {@link WireTap} and describes it in words: bytes in,
 * annotation lines out. One instance serves one relayed connection (both directions), so it
 * may keep state such as a half-parsed frame header; a {@link WireTap} gets a fresh one per
 * connection from its factory.
 *
 * <p>A dissector only looks. It receives a read-only view of bytes that the tap has already
 * forwarded, so whatever it does — including throwing — can never alter or drop relayed data.
 * It must not throw for input it cannot parse: it says so in a line and resynchronises or
 * falls back to describing raw bytes.
 *
 * <p>Thread-safety: the tap calls one instance from two threads (one per direction) but never
 * concurrently; calls are serialised and happen in the order the tap forwarded the bytes.
 */
public interface Dissector {

    /**
     * Describes the next bytes of one direction's stream.
     *
     * @param direction which stream the bytes continue
     * @param bytes     a read-only view; the dissector may consume it
     * @return lines to print under the chunk's hex dump; empty when there is nothing to add
     */
    List<String> dissect(Direction direction, ByteBuffer bytes);

    /** The stream in {@code direction} ended (FIN or reset); report anything left incomplete. */
    default List<String> endOfStream(Direction direction) {
        return List.of();
    }

    /** A dissector that adds nothing: the tap shows hex only. */
    static Dissector none() {
        return (direction, bytes) -> List.of();
    }
}
