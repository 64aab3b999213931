package org.socketlab.websocket.inspect;

import java.util.List;
import org.socketlab.websocket.frame.CloseCode;
import org.socketlab.websocket.frame.FrameHeader;
import org.socketlab.websocket.frame.HeaderViolation;
import org.socketlab.websocket.frame.Opcode;
import org.socketlab.websocket.frame.Role;

/**
 * The rules of RFC 6455 §5 that a dissector can check as soon as a header is complete, each
 * reported as a line starting with {@code !} that names the rule, the value and what a
 * conforming receiver does about it. The header rules are the decoder's own
 * ({@link HeaderViolation}); the sequence rules (§5.4, §5.5.1, RFC 7692 §6) need the stream so
 * far ({@link MessageTracker}). Stateless.
 */
final class FrameRules {

    private FrameRules() {
    }

    static void check(boolean fromClient, boolean deflate, int firstByte, int secondByte, long length,
                      MessageTracker messages, List<String> out) {
        Role receiver = fromClient ? Role.SERVER : Role.CLIENT;
        int allowedRsv = deflate ? FrameHeader.RSV1 : 0;
        for (HeaderViolation broken : HeaderViolation.all(firstByte, secondByte, length, receiver, allowedRsv)) {
            out.add("! " + broken.message(firstByte, secondByte, length) + ": the receiver closes with "
                    + broken.closeCode().code());
        }
        Opcode opcode = Opcode.ofDefined(firstByte & FrameHeader.OPCODE_MASK);
        if (opcode == null) {
            return; // reserved: already reported above
        }
        if ((firstByte & FrameHeader.RSV1) != 0 && deflate && (opcode.isControl() || opcode == Opcode.CONTINUATION)) {
            out.add("! RSV1 (compressed) is allowed only on the first frame of a data message (RFC 7692 §6)");
        }
        if (opcode == Opcode.CONTINUATION && !messages.inMessage()) {
            out.add("! continuation frame with no message to continue (RFC 6455 §5.4): the receiver closes with "
                    + CloseCode.PROTOCOL_ERROR.code());
        } else if ((opcode == Opcode.TEXT || opcode == Opcode.BINARY) && messages.inMessage()) {
            out.add("! new data frame before the fragmented message finished (RFC 6455 §5.4): the receiver closes with "
                    + CloseCode.PROTOCOL_ERROR.code());
        }
        if (messages.closeSeen()) {
            out.add("! frame sent after a close frame (RFC 6455 §5.5.1: nothing may follow close)");
        }
    }
}
