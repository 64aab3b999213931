package org.socketlab.tcp.framing;

import java.nio.ByteBuffer;

/**
 * Turns a TCP byte stream back into messages, and messages into bytes.
 *
 * <p>TCP delivers a stream: one {@code read()} may return half a message or three and a
 * half. A framer is fed whatever arrived and says "here is a message" or "need more"
 * ({@code null}); it never blocks and holds at most {@link #maxMessageBytes()} of an
 * unfinished message, so a hostile peer cannot make it buffer without bound.
 *
 * <p>Not thread-safe: one framer per connection, used by the thread that reads it.
 */
public interface MessageFramer {

    /**
     * Consumes bytes from {@code in} until one message is complete and returns it, leaving the
     * bytes after it in {@code in}; returns {@code null} when {@code in} ran out first (the
     * bytes are kept, so call again when more arrive).
     *
     * @throws FramingException when the peer exceeds the maximum size or sends an invalid
     *                          header; the framer stays failed afterwards
     */
    byte[] decode(ByteBuffer in) throws FramingException;

    /** The bytes to write for {@code message} (prefix or terminator included). */
    ByteBuffer encode(byte[] message);

    /** Bytes of an unfinished message held since the last complete one (0 at a boundary). */
    int bufferedBytes();

    /** The largest message this framer accepts, in bytes. */
    int maxMessageBytes();
}
