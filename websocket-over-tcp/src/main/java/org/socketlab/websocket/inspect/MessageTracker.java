package org.socketlab.websocket.inspect;

import java.nio.ByteBuffer;
import java.util.List;
import org.socketlab.websocket.frame.FrameHeader;
import org.socketlab.websocket.frame.Utf8Validator;

/**
 * Follows data messages across frames (RFC 6455 §5.4): which message a continuation belongs to,
 * how many frames and bytes it has, and whether a text message is valid UTF-8 (§8.1), checked
 * incrementally as payload arrives. Not thread-safe.
 */
final class MessageTracker {

    private int messageOpcode = -1;               // 0x1 text, 0x2 binary, -1 none in progress
    private boolean compressed;
    private int frames;
    private long bytes;
    private final Utf8Validator utf8 = new Utf8Validator();
    private boolean utf8Reported;
    private boolean closeSeen;
    private final Inflation inflation;
    private String inflationFailure;

    /** @param inflation inflates permessage-deflate messages; null when the extension was not agreed */
    MessageTracker(Inflation inflation) {
        this.inflation = inflation;
    }

    boolean inMessage() {
        return messageOpcode != -1;
    }

    boolean closeSeen() {
        return closeSeen;
    }

    void frameStarted(int opcode, boolean fin, int rsv, List<String> out) {
        if (opcode == 0x8) {
            closeSeen = true;
        }
        if (opcode == 0x1 || opcode == 0x2) {
            messageOpcode = opcode;
            compressed = (rsv & FrameHeader.RSV1) != 0;
            frames = 0;
            bytes = 0;
            utf8.reset();
            utf8Reported = false;
        } else if (opcode == 0x0 && messageOpcode == -1) {
            messageOpcode = 0x2;                   // orphan continuation: show its bytes as binary
            compressed = false;
        }
        if (opcode <= 0x2) {
            frames++;
        }
    }

    /** Unmasked payload of the current frame, piece by piece. */
    void payload(int opcode, ByteBuffer piece, List<String> out) {
        if (opcode > 0x2) {
            return;
        }
        bytes += piece.remaining();
        ByteBuffer text = piece;
        if (compressed) {
            if (inflation == null) {
                return;
            }
            text = inflation.feed(piece);
            reportInflationFailure(out);
        }
        checkUtf8(text, out);
    }

    private void checkUtf8(ByteBuffer text, List<String> out) {
        if (messageOpcode == 0x1 && !utf8.feed(text) && !utf8Reported) {
            out.add("! text message is not valid UTF-8 at message byte " + bytes
                    + " or before (RFC 6455 §8.1): the receiver closes with 1007");
            utf8Reported = true;
        }
    }

    void frameComplete(int opcode, boolean fin, ByteBuffer shown, long length, List<String> out) {
        if (opcode > 0x2) {
            out.add("  payload " + Preview.hex(shown, length));
            return;
        }
        String kind = messageOpcode == 0x1 ? "text" : "binary";
        String prefix = opcode == 0x0 ? "  continuation of " + kind + " " : "  " + kind + " ";
        if (compressed) {
            out.add(prefix + "(compressed, permessage-deflate) " + Preview.hex(shown, length));
            if (fin && inflation != null) {
                checkUtf8(inflation.finishMessage(), out);
                reportInflationFailure(out);
                ByteBuffer inflated = inflation.preview();
                out.add("  inflated message: " + (messageOpcode == 0x1
                        ? Preview.text(inflated, inflation.inflatedLength()) : Preview.hex(inflated, inflation.inflatedLength())));
                inflation.endMessage();
            }
        } else {
            out.add(prefix + (messageOpcode == 0x1 ? Preview.text(shown, length) : Preview.hex(shown, length)));
        }
        if (fin) {
            if (frames > 1) {
                out.add("  message complete: " + kind + ", " + frames + " frames, " + bytes + " bytes");
            }
            if (messageOpcode == 0x1 && (!compressed || inflation != null) && !utf8Reported && !utf8.isCompleteSequence()) {
                out.add("! text message ends inside a UTF-8 sequence (RFC 6455 §8.1): the receiver closes with 1007");
            }
            messageOpcode = -1;
        }
    }

    private void reportInflationFailure(List<String> out) {
        if (inflation.failure() != null && inflationFailure == null) {
            inflationFailure = inflation.failure();
            out.add(inflationFailure);
        }
    }

    void endOfStream(List<String> out) {
        if (inMessage()) {
            out.add("! the stream ended inside a fragmented message (" + frames + " frame(s), " + bytes + " bytes)");
        }
    }
}
