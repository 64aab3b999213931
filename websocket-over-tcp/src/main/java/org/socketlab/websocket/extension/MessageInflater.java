package org.socketlab.websocket.extension;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.socketlab.websocket.frame.CloseCode;
import org.socketlab.websocket.frame.WebSocketProtocolException;

/**
 * Decompresses one incoming compressed message for permessage-deflate (RFC 7692 §7.2.2), frame
 * by frame as the payloads arrive, with the message-size limit checked <em>while</em> inflating.
 *
 * <p>Why it matters: a 10 MB message of zeros deflates to about 10 KB. A receiver that inflates
 * first and checks later allocates the 10 MB (or 10 GB). Here the output never grows past
 * {@code maxMessageSize + 1} bytes: the byte after the limit is the proof that fails the
 * connection with 1009 (RFC 6455 §7.4.1), and the rest of the bomb is never produced.
 *
 * <p>Use: {@link #feed} each frame's payload of a message whose first frame had RSV1 set, then
 * {@link #finish} at the final frame, which appends the {@code 00 00 ff ff} tail the sender
 * removed and returns the whole message. Not thread-safe: one reader per connection.
 */
public final class MessageInflater implements AutoCloseable {

    private static final int FIRST_CHUNK = 1024;

    private final boolean noContextTakeover;
    private final long maxMessageSize;
    private Inflater inflater;
    private byte[] output = new byte[0];
    private int length;

    /**
     * @param noContextTakeover the peer resets its compressor after each message, so we may too
     * @param maxMessageSize    the largest inflated message accepted
     */
    public MessageInflater(boolean noContextTakeover, long maxMessageSize) {
        if (maxMessageSize < 0) {
            throw new IllegalArgumentException("maxMessageSize is " + maxMessageSize + "; it must be 0 or more");
        }
        this.noContextTakeover = noContextTakeover;
        this.maxMessageSize = maxMessageSize;
    }

    /** For the side that receives from a peer with the agreed parameters. */
    public static MessageInflater forReceiver(DeflateParameters agreed, boolean senderIsServer, long maxMessageSize) {
        return new MessageInflater(agreed.noContextTakeover(senderIsServer), maxMessageSize);
    }

    /** Inflates one frame's compressed payload (position to limit; the position moves to the limit). */
    public void feed(ByteBuffer compressed) throws WebSocketProtocolException {
        inflate(compressed);
    }

    /** Ends the message: inflates the restored tail and returns the message (a fresh buffer). */
    public ByteBuffer finish() throws WebSocketProtocolException {
        inflate(ByteBuffer.wrap(MessageDeflater.TAIL));
        ByteBuffer message = ByteBuffer.wrap(Arrays.copyOf(output, length));
        length = 0;
        if (output.length > 64 * 1024) {
            output = new byte[0]; // a large message does not pin its buffer for the connection's life
        }
        if (noContextTakeover || inflater.finished()) {
            // A BFINAL block ended the stream (RFC 7692 §7.2.3.4); a new message starts a new one.
            inflater.reset();
        }
        return message;
    }

    /** Frees the zlib state when no context is kept (e.g. while the connection is idle). */
    public void release() {
        if (noContextTakeover && inflater != null && length == 0) {
            inflater.end();
            inflater = null;
        }
    }

    @Override
    public void close() {
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
    }

    private void inflate(ByteBuffer compressed) throws WebSocketProtocolException {
        Inflater zlib = inflater();
        if (zlib.finished()) {
            compressed.position(compressed.limit()); // bytes after a final block carry nothing
            return;
        }
        zlib.setInput(compressed);
        try {
            while (!zlib.finished() && !zlib.needsInput()) {
                ensureRoom();
                int room = (int) Math.min(output.length - length, maxMessageSize + 1 - length);
                int produced = zlib.inflate(output, length, room);
                length += produced;
                if (length > maxMessageSize) {
                    throw new WebSocketProtocolException(CloseCode.MESSAGE_TOO_BIG, "the inflated message is over the limit of "
                            + maxMessageSize + " bytes (RFC 7692 §8.1, RFC 6455 §7.4.1 code 1009)");
                }
                if (produced == 0 && zlib.needsDictionary()) {
                    throw corrupt("asks for a preset dictionary, which permessage-deflate never uses");
                }
            }
        } catch (DataFormatException broken) {
            throw corrupt(String.valueOf(broken.getMessage()));
        } finally {
            compressed.position(compressed.limit());
        }
    }

    private void ensureRoom() {
        if (length < output.length) {
            return;
        }
        long grown = Math.max(FIRST_CHUNK, (long) output.length * 2);
        output = Arrays.copyOf(output, (int) Math.min(grown, Math.min(maxMessageSize + 1, Integer.MAX_VALUE - 8)));
    }

    private Inflater inflater() {
        if (inflater == null) {
            inflater = new Inflater(true); // nowrap: raw DEFLATE (RFC 7692 §7.2.2)
        }
        return inflater;
    }

    private static WebSocketProtocolException corrupt(String detail) {
        return new WebSocketProtocolException(CloseCode.INVALID_PAYLOAD, "the compressed message is not valid DEFLATE data: "
                + detail + " (RFC 7692 §7.2.2)");
    }
}
