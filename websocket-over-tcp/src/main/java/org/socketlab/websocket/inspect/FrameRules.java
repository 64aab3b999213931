package org.socketlab.websocket.inspect;

import java.util.List;
import org.socketlab.websocket.frame.FrameHeader;

/**
 * The header rules of RFC 6455 §5 that a dissector can check as soon as a header is complete,
 * each reported as a line starting with {@code !} that names the rule, the value and what a
 * conforming receiver does about it. Stateless.
 */
final class FrameRules {

    private FrameRules() {
    }

    static void check(boolean fromClient, boolean deflate, boolean fin, int rsv, int opcode, boolean masked,
                      long length, int length7, MessageTracker messages, List<String> out) {
        boolean control = (opcode & 0x8) != 0;
        if (FrameDissector.opcodeName(opcode).equals("RESERVED")) {
            out.add(String.format("! opcode 0x%X is reserved (RFC 6455 §5.2): the receiver fails the connection with 1002", opcode));
        }
        if (fromClient && !masked) {
            out.add("! a client frame must be masked (RFC 6455 §5.1): the server closes with 1002");
        } else if (!fromClient && masked) {
            out.add("! a server frame must not be masked (RFC 6455 §5.1): the client closes with 1002");
        }
        checkRsv(deflate, rsv, opcode, control, out);
        if (control && !fin) {
            out.add("! control frames must not be fragmented, FIN=0 (RFC 6455 §5.5): 1002");
        }
        if (control && length > FrameHeader.MAX_CONTROL_PAYLOAD) {
            out.add("! control frame payload is " + length + " bytes; the maximum is 125 (RFC 6455 §5.5): 1002");
        }
        if ((length7 == FrameHeader.LENGTH_16_BIT && length <= FrameHeader.MAX_7_BIT_LENGTH)
                || (length7 == FrameHeader.LENGTH_64_BIT && length <= FrameHeader.MAX_16_BIT_LENGTH)) {
            out.add("! length " + length + " is not sent in the minimal form (RFC 6455 §5.2)");
        }
        if (opcode == 0x0 && !messages.inMessage()) {
            out.add("! continuation frame with no message to continue (RFC 6455 §5.4): 1002");
        } else if ((opcode == 0x1 || opcode == 0x2) && messages.inMessage()) {
            out.add("! new data frame before the fragmented message finished (RFC 6455 §5.4): 1002");
        }
        if (messages.closeSeen()) {
            out.add("! frame sent after a close frame (RFC 6455 §5.5.1: nothing may follow close)");
        }
    }

    private static void checkRsv(boolean deflate, int rsv, int opcode, boolean control, List<String> out) {
        int allowed = deflate ? FrameHeader.RSV1 : 0;
        if ((rsv & ~allowed) != 0) {
            out.add(String.format("! RSV bits 0x%02X set without an extension that defines them (RFC 6455 §5.2): 1002",
                    rsv & ~allowed));
        } else if ((rsv & FrameHeader.RSV1) != 0 && (control || opcode == 0x0)) {
            out.add("! RSV1 (compressed) is allowed only on the first frame of a data message (RFC 7692 §6)");
        }
    }
}
