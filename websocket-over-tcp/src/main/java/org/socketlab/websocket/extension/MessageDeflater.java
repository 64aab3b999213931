package org.socketlab.websocket.extension;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Compresses the payload of one outgoing message for permessage-deflate (RFC 7692 §7.2.1):
 * DEFLATE with a sync flush, then the trailing empty stored block's {@code 00 00 ff ff} removed
 * (the receiver puts it back). The sender sets RSV1 on the message's first frame only (§6).
 *
 * <p>With context takeover the zlib state (about 256 KiB native memory with the default memory
 * level) lives as long as this object, so that later messages can refer back to earlier ones;
 * without it the state is reset after each message and released by {@link #release()} (the
 * connection can call that when it goes idle). Not thread-safe: one writer per connection.
 */
public final class MessageDeflater implements AutoCloseable {

    /** RFC 7692 §7.2.1: the four octets a sync flush ends with. */
    static final byte[] TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};

    private final boolean noContextTakeover;
    private final int level;
    private Deflater deflater;
    private byte[] output = new byte[256];

    /**
     * @param noContextTakeover reset after every message (the agreed {@code *_no_context_takeover}
     *                          for this side)
     * @param level             zlib compression level, 1..9 or -1
     */
    public MessageDeflater(boolean noContextTakeover, int level) {
        this.noContextTakeover = noContextTakeover;
        this.level = level;
    }

    /** For the side that sends in this direction, with the agreed parameters. */
    public static MessageDeflater forSender(DeflateParameters agreed, boolean senderIsServer, DeflateConfig config) {
        return new MessageDeflater(agreed.noContextTakeover(senderIsServer), config.compressionLevel());
    }

    /**
     * The compressed form of {@code message} (read from its position to its limit; the buffer's
     * position moves to the limit). The result is a fresh buffer owned by the caller.
     */
    public ByteBuffer compress(ByteBuffer message) {
        return compress(message, true);
    }

    /**
     * One fragment of a message compressed as it is sent (§7.2.1 applies to the message as a
     * whole): every fragment ends with a sync flush so the receiver can inflate it at once, but the
     * {@code 00 00 ff ff} tail is removed, and the context reset without takeover, only at the
     * message's end. The empty stored blocks left inside the message are valid DEFLATE.
     */
    public ByteBuffer compress(ByteBuffer message, boolean endOfMessage) {
        Deflater zlib = deflater();
        zlib.setInput(message);
        int length = 0;
        while (true) {
            if (length == output.length) {
                output = Arrays.copyOf(output, output.length * 2);
            }
            length += zlib.deflate(output, length, output.length - length, Deflater.SYNC_FLUSH);
            // A sync flush is complete when deflate() leaves room in the buffer (zlib's own rule).
            if (length < output.length && zlib.needsInput()) {
                break;
            }
        }
        if (!endOfMessage) {
            return ByteBuffer.wrap(Arrays.copyOf(output, length));
        }
        if (length == 0) {
            // Nothing to flush (an empty message right after another flush, with context takeover):
            // zlib writes nothing, so send the empty stored block's first byte, 0x00 (RFC 7692
            // §7.2.3.6); the receiver's restored 00 00 ff ff completes it. An empty payload would
            // leave the receiver a tail that is not a block at all.
            if (noContextTakeover) {
                zlib.reset();
            }
            return ByteBuffer.wrap(new byte[] {0x00});
        }
        if (noContextTakeover) {
            zlib.reset();
        }
        // §7.2.1: remove the tail; a sync flush always ends with it.
        int end = endsWithTail(output, length) ? length - TAIL.length : length;
        return ByteBuffer.wrap(Arrays.copyOf(output, end));
    }

    /** Frees the zlib state if no context is kept; the next message creates it again. */
    public void release() {
        if (noContextTakeover && deflater != null) {
            deflater.end();
            deflater = null;
            output = new byte[256];
        }
    }

    @Override
    public void close() {
        if (deflater != null) {
            deflater.end();
            deflater = null;
        }
    }

    private Deflater deflater() {
        if (deflater == null) {
            deflater = new Deflater(level, true); // nowrap: raw DEFLATE, no zlib header (RFC 7692 §7.2.1)
        }
        return deflater;
    }

    static boolean endsWithTail(byte[] data, int length) {
        if (length < TAIL.length) {
            return false;
        }
        for (int i = 0; i < TAIL.length; i++) {
            if (data[length - TAIL.length + i] != TAIL[i]) {
                return false;
            }
        }
        return true;
    }
}
