package org.socketlab.websocket.inspect;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates permessage-deflate messages of one direction (RFC 7692 §7.2.2) so the dissector can
 * show what a compressed frame says. The sender's LZ77 window carries over from message to
 * message unless "no context takeover" was agreed, so every compressed byte is inflated even
 * though only the first {@link Preview#LIMIT} inflated bytes are kept. Not thread-safe.
 */
final class Inflation {

    /** RFC 7692 §7.2.2: the sender removed this empty stored block's tail; the receiver appends it. */
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};
    /** Inflating costs CPU in the relay thread; past this a message is not inflated further (a bomb is cheap to send). */
    static final long MAX_INFLATED_PER_MESSAGE = 16L * 1024 * 1024;

    private final Inflater inflater = new Inflater(true);
    private final boolean resetAfterMessage;
    private final byte[] scratch = new byte[8192];
    private ByteBuffer preview = ByteBuffer.allocate(Preview.LIMIT);
    private long inflated;
    private String failure;

    /** @param noContextTakeover the sender resets its compressor after each message */
    Inflation(boolean noContextTakeover) {
        this.resetAfterMessage = noContextTakeover;
    }

    /** Inflates the next compressed payload piece; returns the newly inflated bytes that fit the preview. */
    ByteBuffer feed(ByteBuffer compressed) {
        byte[] input = new byte[compressed.remaining()];
        compressed.duplicate().get(input);
        return inflate(input);
    }

    /** The message's last frame ended: append the tail and report the whole message. */
    ByteBuffer finishMessage() {
        return inflate(TAIL);
    }

    /** The inflated message so far (up to the preview limit), its inflated size, and any failure. */
    ByteBuffer preview() {
        return preview.duplicate().flip();
    }

    long inflatedLength() {
        return inflated;
    }

    String failure() {
        return failure;
    }

    /** Forget the current message (after it was reported). */
    void endMessage() {
        preview = ByteBuffer.allocate(Preview.LIMIT);
        inflated = 0;
        // RFC 7692 §7.2.3.4: after a block with BFINAL the sender starts a new DEFLATE stream,
        // with context takeover too; a finished Inflater would show every later message as empty.
        if (resetAfterMessage || inflater.finished()) {
            inflater.reset();
        }
    }

    private ByteBuffer inflate(byte[] input) {
        ByteBuffer fresh = ByteBuffer.allocate(input.length == 0 ? 0 : Math.max(0, preview.remaining()));
        if (failure != null) {
            return fresh.flip();
        }
        inflater.setInput(input);
        try {
            int count;
            while ((count = inflater.inflate(scratch)) > 0) {
                inflated += count;
                if (inflated > MAX_INFLATED_PER_MESSAGE) {
                    failure = "a message inflates to more than " + MAX_INFLATED_PER_MESSAGE
                            + " bytes; the dissector stops inflating this direction (the bytes are still relayed)";
                    break;
                }
                int keep = Math.min(count, preview.remaining());
                preview.put(scratch, 0, keep);
                fresh.put(scratch, 0, Math.min(keep, fresh.remaining()));
            }
        } catch (DataFormatException e) {
            failure = "! the payload does not inflate (" + e.getMessage() + "; RFC 7692 §7.2.2): the receiver fails the connection";
        }
        return fresh.flip();
    }
}
