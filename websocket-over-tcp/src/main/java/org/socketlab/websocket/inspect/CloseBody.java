package org.socketlab.websocket.inspect;

import java.nio.ByteBuffer;
import java.util.List;
import org.socketlab.websocket.frame.CloseCode;
import org.socketlab.websocket.frame.Utf8Validator;

/** Describes a close frame's payload (RFC 6455 §5.5.1): empty, or a 2-byte code and a UTF-8 reason. */
final class CloseBody {

    private CloseBody() {
    }

    static void describe(ByteBuffer payload, List<String> out) {
        int length = payload.remaining();
        if (length == 0) {
            out.add("  close without a status code (the receiver reports 1005, RFC 6455 §7.1.5)");
            return;
        }
        if (length == 1) {
            out.add("! close payload is 1 byte; it must be empty or start with a 2-byte code (RFC 6455 §5.5.1): 1002");
            return;
        }
        int code = payload.getShort(payload.position()) & 0xFFFF;
        ByteBuffer reason = payload.slice(payload.position() + 2, length - 2);
        out.add("  close code " + CloseCode.of(code) + (reason.hasRemaining() ? " reason " + Preview.text(reason, 0) : ", no reason"));
        if (!CloseCode.isValidOnWire(code)) {
            out.add("! close code " + code + " may not be sent in a close frame (RFC 6455 §7.4): 1002");
        }
        if (!Utf8Validator.isValid(reason)) {
            out.add("! close reason is not valid UTF-8 (RFC 6455 §5.5.1): 1007");
        }
    }
}
